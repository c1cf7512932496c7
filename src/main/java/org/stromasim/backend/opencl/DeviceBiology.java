package org.stromasim.backend.opencl;

import static org.jocl.CL.CL_TRUE;

import java.util.List;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;
import org.stromasim.biology.EndocrineResponse;
import org.stromasim.biology.SlowProcesses;
import org.stromasim.biology.SlowStep;
import org.stromasim.grid.Grid3D;
import org.stromasim.scenario.BiologySpec;
import org.stromasim.scenario.BiologySpec.InterventionKind;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.SpeciesSpec;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.DiffusivityLaw;
import org.stromasim.transport.FibreMatrixLaw;
import org.stromasim.transport.ExponentialLaw;
import org.stromasim.transport.OgstonLaw;
import org.stromasim.transport.TransportFields;

/**
 * The biology slow step ({@link SlowProcesses}) on the OpenCL device, on the buffers the transport
 * kernel reads (kernels/biology.cl): activation, remodelling, drug kill, voxel keys and the
 * diffusivity of every species, so the transport continues from the updated state without an upload.
 * The stiffness and the hyaluronan state live here (the transport does not read them). The intervention strengths of a step are
 * computed on the host ({@link SlowStep#level}) and passed as kernel arguments.
 *
 * <p>After the kernels the updated cells, stiffness, hyaluronan and viability are read back into the host copy
 * (the metrics and snapshots read them there) and the diffusivity into the backend's live arrays ({@link TransportFields}), whose
 * stability limit is then recomputed, so a later {@code upload} writes back the device's own values.
 *
 * <p><b>Parity with the Java slow step.</b> The Java step computes in double, the kernels in float:
 * stiffness, viability and diffusivity agree to a few float ulps (the laws' pow and exp). The
 * activation draws are the same 64-bit integers; only the float rounding of the probability p (a few
 * ulps, ~3e-7·p) can move the threshold across a draw, so a voxel activates differently with
 * probability about 3e-7·p per fibroblast voxel and step. After transport the TGF-β itself differs
 * between the backends by float round-off (~1e-6 relative, so p by about as much): over a run, the
 * expected number of differing voxels is about 1e-6 times the number of activations (none in the
 * parity tests: 231 of 231 activations in BiologyParityTest, identical cells after every run of
 * BiologyScenarioParityTest). Death uses the same threshold test on a viability that differs by float
 * round-off, with the same kind of bound.
 */
final class DeviceBiology {

    static final String KERNELS = "kernels/biology.cl";
    /** Which law relative_diffusivity evaluates (LAW_ in the kernels, see KernelConstants). */
    static final int LAW_OGSTON = 0;
    static final int LAW_EXPONENTIAL = 1;
    static final int LAW_FIBRE_MATRIX = 2;
    /** Offsets in the law table of the Ogston and exponential laws (the fibre_matrix law: FibreMatrixTable). */
    static final int OGSTON_FIBRE_RADIUS = 0;
    static final int OGSTON_REFERENCE_STIFFNESS = 1;
    static final int OGSTON_REFERENCE_FRACTION = 2;
    static final int OGSTON_STIFFNESS_EXPONENT = 3;
    static final int EXPONENTIAL_STIFFNESS_SCALE = 0;
    /** Per species {D0 µm²/s, Stokes radius nm} in the species-law table. */
    static final int SPECIES_LAW_D0 = 0;
    static final int SPECIES_LAW_STOKES_RADIUS = 1;
    static final int SPECIES_LAW_STRIDE = 2;

    private final cl_command_queue queue;
    private final Grid3D grid;
    private final int species;
    private final int voxels;
    private final cl_kernel activate;
    private final cl_kernel remodel;
    private final cl_mem stiffness;
    private final cl_mem speciesLaw;
    private final cl_mem law;
    private final long[] globalSize;
    /** The scenario whose law tables are on the device, or null before the first step. */
    private Scenario lawsOf;
    private int lawKind;
    /**
     * The hyaluronan state per voxel (with {@code ecm.hyaluronan}; one unused float without), and the steady state
     * per cell code of the current step (HyaluronanTurnover.steadyStates).
     */
    private cl_mem gag;
    private boolean hasGag;
    private final cl_mem gagSteadyState;
    private final ClResources resources;
    private final cl_program program;
    /** The cytotoxic ER-antagonist kill and its ligand table, created at the first step that needs them. */
    private cl_kernel endocrineKill;
    private cl_mem ligandTable;

    DeviceBiology(ClResources resources, DeviceContext context, cl_command_queue queue, Grid3D grid, int species,
                  int drug) {
        this.queue = queue;
        this.grid = grid;
        this.species = species;
        this.voxels = grid.voxelCount();
        this.program = context.program(KERNELS, "-DSPECIES=" + species + " -DDRUG=" + drug);
        this.resources = resources;
        this.activate = resources.kernel(DeviceContext.kernel(program, KERNELS, "activate_fibroblasts"));
        this.remodel = resources.kernel(DeviceContext.kernel(program, KERNELS, "remodel_and_respond"));
        this.stiffness = resources.buffer(CL.CL_MEM_READ_WRITE, (long) voxels * Sizeof.cl_float);
        this.speciesLaw = resources.buffer(CL.CL_MEM_READ_ONLY, 2L * species * Sizeof.cl_float);
        this.law = resources.buffer(CL.CL_MEM_READ_ONLY, (long) FibreMatrixTable.LENGTH * Sizeof.cl_float);
        this.gag = resources.buffer(CL.CL_MEM_READ_WRITE, Sizeof.cl_float);
        this.gagSteadyState = resources.buffer(CL.CL_MEM_READ_ONLY, (long) CellType.COUNT * Sizeof.cl_float);
        this.globalSize = new long[] {grid.nx(), grid.ny(), grid.nz()};
    }

    /** The transport buffers the slow step reads and writes (concentrations: the current ping-pong buffer). */
    record Buffers(cl_mem cell, cl_mem keys, cl_mem viability, cl_mem exposureHi, cl_mem exposureLo,
                   cl_mem concentration, cl_mem diffusivity, int guard) {
    }

    /** Writes the matrix state the slow step changes: stiffness and (when the tissue has one) hyaluronan. */
    void uploadMatrix(Tissue state) {
        CL.clEnqueueWriteBuffer(queue, stiffness, CL_TRUE, 0, (long) voxels * Sizeof.cl_float,
                Pointer.to(state.stiffnessKpa()), 0, null, null);
        float[] g = state.gagFraction();
        if (g != null && !hasGag) {
            gag = resources.buffer(CL.CL_MEM_READ_WRITE, (long) voxels * Sizeof.cl_float);
            hasGag = true;
        }
        if (g != null) {
            CL.clEnqueueWriteBuffer(queue, gag, CL_TRUE, 0, (long) voxels * Sizeof.cl_float, Pointer.to(g), 0, null, null);
        }
    }

    /**
     * Runs {@code step} on the device, then reads cells, stiffness and viability into {@code host} and
     * the diffusivity into {@code fields}, and lets the step set the next interval's interventions there.
     */
    void run(SlowStep step, Buffers b, Tissue host, TransportFields fields) {
        if (step.dtS() > 0) {
            SlowProcesses processes = step.processes();
            uploadLaws(processes.scenario());
            uploadGagSteadyState(step, host);
            BiologySpec spec = processes.scenario().biology();
            activate(step, spec, processes, b);
            remodelAndRespond(step, spec, processes.scenario(), b);
            if (processes.endocrine() != null && processes.endocrine().kills()) {
                endocrineKill(step, processes.endocrine(), spec, b);
            }
            CL.clEnqueueReadBuffer(queue, b.cell(), CL_TRUE, 0, voxels, Pointer.to(host.cell()), 0, null, null);
            readFloats(b.viability(), 0, host.viability());
            readFloats(stiffness, 0, host.stiffnessKpa());
            if (hasGag) {
                readFloats(gag, 0, host.gagFraction());
            }
            for (int s = 0; s < species; s++) {
                readFloats(b.diffusivity(), b.guard() + (long) s * voxels, fields.diffusivityUm2PerS(s));
            }
            fields.acceptDeviceDiffusivity(host);
        }
        step.finishOnHost(host, fields);
    }

    private void activate(SlowStep step, BiologySpec spec, SlowProcesses processes, Buffers b) {
        BiologySpec.Activation a = spec.activation();
        int tgfb = processes.scenario().speciesIndex(spec.tgfbSpecies());
        int arg = 0;
        CL.clSetKernelArg(activate, arg++, Sizeof.cl_mem, Pointer.to(b.cell()));
        CL.clSetKernelArg(activate, arg++, Sizeof.cl_mem, Pointer.to(b.concentration()));
        longArg(activate, arg++, b.guard() + (long) tgfb * voxels);
        floatArg(activate, arg++, 1.0 - step.level(InterventionKind.TGFB_INHIBITOR));
        floatArg(activate, arg++, a.threshold());
        floatArg(activate, arg++, a.hillN());
        floatArg(activate, arg++, Math.pow(a.ec50(), a.hillN()));
        floatArg(activate, arg++, a.maxRatePerS());
        floatArg(activate, arg++, step.dtS());
        longArg(activate, arg++, processes.seed());
        longArg(activate, arg++, step.index());
        longArg(activate, arg, voxels);
        CL.clEnqueueNDRangeKernel(queue, activate, 1, null, new long[] {voxels}, null, 0, null, null);
    }

    private void remodelAndRespond(SlowStep step, BiologySpec spec, Scenario scenario, Buffers b) {
        BiologySpec.Remodelling r = spec.remodelling();
        BiologySpec.DrugResponse d = spec.drugResponse();
        int arg = 0;
        for (cl_mem m : new cl_mem[] {b.cell(), b.keys(), stiffness, b.viability(), b.exposureHi(), b.exposureLo(),
                b.concentration(), b.diffusivity()}) {
            CL.clSetKernelArg(remodel, arg++, Sizeof.cl_mem, Pointer.to(m));
        }
        intArg(remodel, arg++, grid.nx());
        intArg(remodel, arg++, grid.ny());
        intArg(remodel, arg++, grid.nz());
        intArg(remodel, arg++, b.guard());
        floatArg(remodel, arg++, r.cafStiffeningPerS());
        floatArg(remodel, arg++, r.spreadPerS());
        floatArg(remodel, arg++, 1.0 - step.collagenDepositionBlock());
        floatArg(remodel, arg++, r.enzymeSofteningPerS() * step.collagenDegradation());
        floatArg(remodel, arg++, r.ceilingKpa());
        floatArg(remodel, arg++, r.floorKpa());
        intArg(remodel, arg++, d.measure() == BiologySpec.Measure.EXPOSURE ? 1 : 0);
        intArg(remodel, arg++, scenario.speciesIndex(spec.il6Species()));
        intArg(remodel, arg++, scenario.speciesIndex(spec.lactateSpecies()));
        floatArg(remodel, arg++, d.ec50());
        floatArg(remodel, arg++, d.hillN());
        floatArg(remodel, arg++, d.maxKillPerS());
        floatArg(remodel, arg++, d.deathViability());
        floatArg(remodel, arg++, 1.0 - step.level(InterventionKind.IL6R_BLOCKER));
        floatArg(remodel, arg++, d.il6Resistance().hillN());
        floatArg(remodel, arg++, Math.pow(d.il6Resistance().ec50(), d.il6Resistance().hillN()));
        floatArg(remodel, arg++, d.il6Resistance().maxFactor());
        floatArg(remodel, arg++, 1.0 - step.level(InterventionKind.MCT1_INHIBITOR));
        floatArg(remodel, arg++, d.lactateTolerance().km());
        floatArg(remodel, arg++, d.lactateTolerance().maxFactor());
        floatArg(remodel, arg++, step.dtS());
        CL.clSetKernelArg(remodel, arg++, Sizeof.cl_mem, Pointer.to(speciesLaw));
        intArg(remodel, arg++, lawKind);
        CL.clSetKernelArg(remodel, arg++, Sizeof.cl_mem, Pointer.to(law));
        CL.clSetKernelArg(remodel, arg++, Sizeof.cl_mem, Pointer.to(gag));
        intArg(remodel, arg++, hasGag ? 1 : 0);
        CL.clSetKernelArg(remodel, arg++, Sizeof.cl_mem, Pointer.to(gagSteadyState));
        floatArg(remodel, arg, hasGag ? step.processes().matrix().hyaluronanDecay(step.startS(), step.endS()) : 1.0);
        CL.clEnqueueNDRangeKernel(queue, remodel, 3, null, globalSize, null, 0, null, null);
    }

    /**
     * The kill by cytotoxic ER antagonists (kernel endocrine_kill), after remodel_and_respond as in the
     * Java slow step; the reference occupancy and the IL-6R blockade at the step end, as the Java read-out.
     */
    private void endocrineKill(SlowStep step, EndocrineResponse endocrine, BiologySpec spec, Buffers b) {
        if (endocrineKill == null) {
            endocrineKill = resources.kernel(DeviceContext.kernel(program, KERNELS, "endocrine_kill"));
            float[] table = endocrine.ligandTable();
            ligandTable = resources.buffer(CL.CL_MEM_READ_ONLY, (long) table.length * Sizeof.cl_float);
            CL.clEnqueueWriteBuffer(queue, ligandTable, CL_TRUE, 0, (long) table.length * Sizeof.cl_float,
                    Pointer.to(table), 0, null, null);
        }
        BiologySpec.Endocrine e = endocrine.spec();
        double endS = step.endS();
        int arg = 0;
        for (cl_mem m : new cl_mem[] {b.cell(), b.keys(), stiffness, b.viability(), b.concentration(), b.diffusivity()}) {
            CL.clSetKernelArg(endocrineKill, arg++, Sizeof.cl_mem, Pointer.to(m));
        }
        intArg(endocrineKill, arg++, b.guard());
        longArg(endocrineKill, arg++, voxels);
        CL.clSetKernelArg(endocrineKill, arg++, Sizeof.cl_mem, Pointer.to(ligandTable));
        intArg(endocrineKill, arg++, e.ligands().size());
        intArg(endocrineKill, arg++, endocrine.estradiolSpecies());
        floatArg(endocrineKill, arg++, endocrine.estradiolNmPerUnit());
        floatArg(endocrineKill, arg++, 1.0 / e.estradiolKdNm());
        floatArg(endocrineKill, arg++, endocrine.referenceOccupancy(endS));
        intArg(endocrineKill, arg++, endocrine.il6Species());
        floatArg(endocrineKill, arg++, endocrine.il6PassAt(endS));
        floatArg(endocrineKill, arg++, e.il6Bypass().maxFraction());
        floatArg(endocrineKill, arg++, Math.pow(e.il6Bypass().ec50(), e.il6Bypass().hillN()));
        floatArg(endocrineKill, arg++, e.il6Bypass().hillN());
        floatArg(endocrineKill, arg++, e.maxKillPerS());
        floatArg(endocrineKill, arg++, spec.drugResponse().deathViability());
        floatArg(endocrineKill, arg++, step.dtS());
        CL.clSetKernelArg(endocrineKill, arg++, Sizeof.cl_mem, Pointer.to(speciesLaw));
        intArg(endocrineKill, arg++, lawKind);
        CL.clSetKernelArg(endocrineKill, arg++, Sizeof.cl_mem, Pointer.to(law));
        CL.clSetKernelArg(endocrineKill, arg++, Sizeof.cl_mem, Pointer.to(gag));
        intArg(endocrineKill, arg, hasGag ? 1 : 0);
        CL.clEnqueueNDRangeKernel(queue, endocrineKill, 1, null, new long[] {voxels}, null, 0, null, null);
    }

    /** The species' D0 and Stokes radius and the scenario's diffusivity law, written on first use. */
    private void uploadLaws(Scenario scenario) {
        if (scenario == lawsOf) {
            return;
        }
        List<SpeciesSpec> specs = scenario.species();
        float[] perSpecies = new float[SPECIES_LAW_STRIDE * species];
        for (int s = 0; s < species; s++) {
            perSpecies[SPECIES_LAW_STRIDE * s + SPECIES_LAW_D0] = (float) specs.get(s).d0Um2PerS();
            perSpecies[SPECIES_LAW_STRIDE * s + SPECIES_LAW_STOKES_RADIUS] = (float) specs.get(s).stokesRadiusNm();
        }
        float[] lawParameters = new float[FibreMatrixTable.LENGTH];
        lawKind = lawTable(DiffusivityLaw.of(scenario.ecm().diffusivityLaw()), lawParameters);
        CL.clEnqueueWriteBuffer(queue, speciesLaw, CL_TRUE, 0, (long) perSpecies.length * Sizeof.cl_float,
                Pointer.to(perSpecies), 0, null, null);
        CL.clEnqueueWriteBuffer(queue, law, CL_TRUE, 0, (long) lawParameters.length * Sizeof.cl_float,
                Pointer.to(lawParameters), 0, null, null);
        lawsOf = scenario;
    }

    /** The hyaluronan steady state per cell code of {@code step} (as the Java step computes it), when there is a state. */
    private void uploadGagSteadyState(SlowStep step, Tissue host) {
        if (!hasGag) {
            if (host.gagFraction() != null) {
                throw new IllegalStateException("the host state has hyaluronan the device was never given (upload first)");
            }
            return;
        }
        double[] target = step.processes().matrix().hyaluronanSteadyStates(step.startS(), step.endS());
        float[] values = new float[target.length];
        for (int code = 0; code < values.length; code++) {
            values[code] = (float) target[code];
        }
        CL.clEnqueueWriteBuffer(queue, gagSteadyState, CL_TRUE, 0, (long) values.length * Sizeof.cl_float,
                Pointer.to(values), 0, null, null);
    }

    /**
     * The law table relative_diffusivity (kernels/biology.cl) reads for {@code model}, written into {@code into} ({@link FibreMatrixTable#LENGTH} floats); returns its
     * LAW_ kind. The parameters are the Java law's own, so the kernel evaluates the same law
     * (KernelPhysicsParityTest holds the two together).
     */
    static int lawTable(DiffusivityLaw model, float[] into) {
        if (model instanceof OgstonLaw o) {
            into[OGSTON_FIBRE_RADIUS] = (float) o.fibreRadiusNm();
            into[OGSTON_REFERENCE_STIFFNESS] = (float) o.referenceStiffnessKpa();
            into[OGSTON_REFERENCE_FRACTION] = (float) o.referenceFibreFraction();
            into[OGSTON_STIFFNESS_EXPONENT] = (float) o.stiffnessExponent();
            return LAW_OGSTON;
        }
        if (model instanceof ExponentialLaw e) {
            into[EXPONENTIAL_STIFFNESS_SCALE] = (float) e.stiffnessScaleKpa();
            return LAW_EXPONENTIAL;
        }
        if (model instanceof FibreMatrixLaw f) {
            FibreMatrixTable.fill(f, into);
            return LAW_FIBRE_MATRIX;
        }
        // never a silently different law: a new law needs its kernel branch
        throw new IllegalArgumentException("the OpenCL slow step has no kernel for diffusivity law " + model);
    }

    private void readFloats(cl_mem buffer, long offsetFloats, float[] into) {
        CL.clEnqueueReadBuffer(queue, buffer, CL_TRUE, offsetFloats * Sizeof.cl_float, (long) into.length * Sizeof.cl_float,
                Pointer.to(into), 0, null, null);
    }

    private static void intArg(cl_kernel kernel, int index, int value) {
        CL.clSetKernelArg(kernel, index, Sizeof.cl_int, Pointer.to(new int[] {value}));
    }

    private static void longArg(cl_kernel kernel, int index, long value) {
        CL.clSetKernelArg(kernel, index, Sizeof.cl_long, Pointer.to(new long[] {value}));
    }

    private static void floatArg(cl_kernel kernel, int index, double value) {
        CL.clSetKernelArg(kernel, index, Sizeof.cl_float, Pointer.to(new float[] {(float) value}));
    }
}
