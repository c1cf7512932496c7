package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import java.util.Random;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;
import org.junit.jupiter.api.Test;
import org.stromasim.transport.TransportFields;
import org.stromasim.scenario.DiffusivityLawSpec;
import org.stromasim.scenario.PlasmaCurveSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.transport.DiffusivityLaw;
import org.stromasim.transport.ExposureWeights;
import org.stromasim.transport.FibreMatrixLaw;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.SpeciesReactions;
import org.stromasim.transport.TransportModel;
import org.stromasim.transport.UnsplitStep;

/**
 * The physics the kernels must write in OpenCL C, evaluated on the device on random inputs and held to
 * its one Java definition: the unsplit step's loss rate λ ({@code unsplit_loss_rate}, kernels/multigrid.cl,
 * against {@link SpeciesReactions#lossRatePerS}), its source, absorption, start weight and exposure share
 * (against {@link SpeciesReactions#sourcePerS}, {@link UnsplitStep}, {@link ExposureWeights}) and every
 * diffusivity law ({@code relative_diffusivity},
 * kernels/biology.cl, against {@link DiffusivityLaw#relativeDiffusivity}). Both kernels read parameter
 * tables the host fills from the Java definitions ({@link SpeciesParameterTable}, {@link DeviceBiology#lawTable}),
 * so a disagreement here is a kernel that computes something else.
 */
@EnabledIfOpenClOrCi
class KernelPhysicsParityTest {

    private static final int SAMPLES = 4096;
    private static final double FLOAT_ULP = 0x1p-24;

    @Test
    void theUnsplitLossRateIsTheJavaDefinition() {
        // species 0: every term (uptake on cancer and CAF, saturating secretion on CAF, binding, decay, vessel
        // exchange); species 1: no term at all (the kernel's λ is then 0)
        Scenario sc = scenario().grid(4, 4, 4, 10.0)
                .with(species("drug").d0(50).decay(0.02).binding(CellType.ECM, 0.3).binding(CellType.CAF, 0.05)
                        .uptake(CellType.CANCER, 0.8, 0.3).uptake(CellType.CAF, 0.2, 1.7)
                        .secretion(CellType.CAF, 0.6, 2.0).secretion(CellType.FIBROBLAST, 0.1, null)
                        .vessel(2.3, new PlasmaCurveSpec.Constant(1.0)))
                .with(species("inert").d0(20))
                .build();
        TransportModel model = TransportModel.compile(sc, ScenarioFixture.emptyTissue(sc));
        float[] params = SpeciesParameterTable.of(TransportFields.of(model));
        Random r = new Random(17);
        int[] s = new int[SAMPLES];
        int[] code = new int[SAMPLES];
        double[] alive = new double[SAMPLES];
        double[] sv = new double[SAMPLES];
        double[] c = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            s[i] = r.nextInt(8) == 0 ? 1 : 0;
            code[i] = r.nextInt(CellType.COUNT);
            alive[i] = r.nextInt(4) == 0 ? 1.0 : r.nextDouble();
            sv[i] = r.nextBoolean() ? 0.0 : 0.3 * r.nextDouble();
            c[i] = 4 * r.nextDouble() - 0.5; // a few round-off undershoots below 0
        }
        String kernel = "__kernel void loss_rates(__constant const float* params, __global const int* s,"
                + " __global const int* code, __global const double* alive, __global const double* sv,"
                + " __global const double* c, __global double* out) {\n"
                + "    const int i = get_global_id(0);\n"
                + "    out[i] = unsplit_loss_rate(params + s[i] * PARAMS_STRIDE, code[i], alive[i], sv[i], c[i]);\n"
                + "}\n";
        double[] device = new double[SAMPLES];
        run("kernels/multigrid.cl", kernel, "-DDOT_LOCAL=" + MultigridKernels.REDUCE_LOCAL, "loss_rates", device,
                params, s, code, alive, sv, c);
        double worst = 0;
        for (int i = 0; i < SAMPLES; i++) {
            int p = s[i] * SpeciesParameterTable.STRIDE;
            double expected = params[p + SpeciesParameterTable.ACTIVE] == 0f ? 0.0 : SpeciesReactions.lossRatePerS(
                    params[p + SpeciesParameterTable.DECAY], params[p + SpeciesParameterTable.BINDING + code[i]],
                    (double) params[p + SpeciesParameterTable.PERMEABILITY] * sv[i], alive[i],
                    params[p + SpeciesParameterTable.VMAX + code[i]], params[p + SpeciesParameterTable.KM + code[i]],
                    c[i], params[p + SpeciesParameterTable.RELAX + code[i]]);
            // the same double operations from the same float parameters; the device may fuse a multiply
            // with an add (OpenCL C contracts by default), which moves each of the five sums by at most
            // half an ulp: 4 ulps of the result bound it
            double allowed = 4 * Math.ulp(expected);
            double ratio = allowed > 0 ? Math.abs(device[i] - expected) / allowed : Math.abs(device[i]) > 0 ? 2 : 0;
            worst = Math.max(worst, ratio);
            assertTrue(ratio <= 1, "sample " + i + " (species " + s[i] + ", cell " + code[i] + ", viability "
                    + alive[i] + ", S/V " + sv[i] + ", C " + c[i] + "): kernel λ " + device[i] + ", Java " + expected);
        }
        System.out.printf("unsplit_loss_rate: worst |kernel - Java| / 4 ulp = %.3f%n", worst);
    }

    @Test
    void theUnsplitSourceAndStepCoefficientsAreTheJavaOnes() {
        Scenario sc = scenario().grid(4, 4, 4, 10.0)
                .with(species("drug").d0(50).decay(0.02).secretion(CellType.CAF, 0.6, 2.0)
                        .secretion(CellType.FIBROBLAST, 0.1, null).vessel(2.3, new PlasmaCurveSpec.Constant(1.0)))
                .with(species("inert").d0(20))
                .build();
        float[] params = SpeciesParameterTable.of(TransportFields.of(TransportModel.compile(sc, ScenarioFixture.emptyTissue(sc))));
        Random r = new Random(29);
        int[] s = new int[SAMPLES];
        int[] code = new int[SAMPLES];
        double[] alive = new double[SAMPLES];
        double[] sv = new double[SAMPLES];
        double[] plasma = new double[SAMPLES];
        double[] lambda = new double[SAMPLES];
        double[] stepS = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            s[i] = r.nextInt(8) == 0 ? 1 : 0;
            code[i] = r.nextInt(CellType.COUNT);
            alive[i] = r.nextDouble();
            sv[i] = r.nextBoolean() ? 0.0 : 0.3 * r.nextDouble();
            plasma[i] = 5 * r.nextDouble();
            // λh from 0 through the series range (below 1e-3) to stiff steps (up to 1e4), h from 1 ms to 1 h
            lambda[i] = i % 50 == 0 ? 0.0 : Math.pow(10, -9 + 9 * r.nextDouble());
            stepS[i] = Math.pow(10, -3 + 6.6 * r.nextDouble());
        }
        String body = "__kernel void coefficient(__constant const float* params, __global const int* s,"
                + " __global const int* code, __global const double* alive, __global const double* sv,"
                + " __global const double* plasma, __global const double* lambda, __global const double* stepS,"
                + " __global double* out) {\n"
                + "    const int i = get_global_id(0);\n"
                + "    out[i] = %s;\n"
                + "}\n";
        String[] expressions = {
                "unsplit_source(params + s[i] * PARAMS_STRIDE, code[i], alive[i], sv[i], plasma[i])",
                "unsplit_absorption(lambda[i], stepS[i])",
                "unsplit_start_weight(lambda[i], stepS[i])",
                "exposure_end_share(lambda[i] * stepS[i], " + ExposureWeights.SERIES_BELOW + ")"};
        for (int e = 0; e < expressions.length; e++) {
            double[] device = new double[SAMPLES];
            run("kernels/multigrid.cl", String.format(body, expressions[e]),
                    "-DDOT_LOCAL=" + MultigridKernels.REDUCE_LOCAL, "coefficient", device, params, s, code, alive, sv,
                    plasma, lambda, stepS);
            double worst = 0;
            for (int i = 0; i < SAMPLES; i++) {
                int p = s[i] * SpeciesParameterTable.STRIDE;
                double expected = switch (e) {
                    case 0 -> params[p + SpeciesParameterTable.ACTIVE] == 0f ? 0.0 : SpeciesReactions.sourcePerS(
                            (double) params[p + SpeciesParameterTable.PERMEABILITY] * sv[i], plasma[i], alive[i],
                            params[p + SpeciesParameterTable.SECRETION + code[i]]);
                    case 1 -> UnsplitStep.absorption(lambda[i], stepS[i]);
                    case 2 -> UnsplitStep.startWeight(lambda[i], stepS[i]);
                    default -> ExposureWeights.endShare(lambda[i] * stepS[i]);
                };
                // the same double operations; OpenCL's expm1 may differ from Java's by 3 ulps and a multiply
                // may be fused with an add: 8 ulps bound both (0 where both are exactly 0). Of the result,
                // except for the closed form of the exposure share, 1/(1 − e^(−x)) − 1/x, whose two terms
                // of about 1/x cancel to about 1/2: there 8 ulps of 1/x
                double x = lambda[i] * stepS[i];
                double scale = e == 3 && x >= ExposureWeights.SERIES_BELOW ? Math.max(expected, 1 / x) : expected;
                double allowed = 8 * Math.ulp(scale);
                double difference = Math.abs(device[i] - expected);
                double ratio = difference == 0 ? 0 : difference / allowed;
                worst = Math.max(worst, ratio);
                assertTrue(ratio <= 1, expressions[e] + ", sample " + i + " (λ " + lambda[i] + " /s, h " + stepS[i]
                        + " s): kernel " + device[i] + ", Java " + expected);
            }
            System.out.printf("%s: worst |kernel - Java| / 8 ulp = %.3f%n", expressions[e], worst);
        }
    }

    @Test
    void everyDiffusivityLawIsTheJavaLaw() {
        DiffusivityLaw[] laws = {
                DiffusivityLaw.of(new DiffusivityLawSpec.Ogston(3.5, 1.0, 0.05, 2.0)),
                DiffusivityLaw.of(new DiffusivityLawSpec.Exponential(2.5)),
                DiffusivityLaw.of(BiologyOnBothBackends.load("fibrotic-barrier").ecm().diffusivityLaw())};
        for (DiffusivityLaw law : laws) {
            float[] table = new float[FibreMatrixTable.LENGTH];
            int kind = DeviceBiology.lawTable(law, table);
            Random r = new Random(23);
            float[] e = new float[SAMPLES];
            int[] code = new int[SAMPLES];
            float[] rs = new float[SAMPLES];
            float[] gag = new float[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                e[i] = i % 64 == 0 ? 0f : (float) (30 * Math.pow(r.nextDouble(), 2)); // 0 to 30 kPa, denser low
                // tissue cells only: lumen has D = 0, set by the callers (remodel_and_respond, TransportModel)
                // before any law is asked
                do {
                    code[i] = r.nextInt(CellType.COUNT);
                } while (code[i] == CellType.VESSEL.code());
                rs[i] = (float) (6 * r.nextDouble()); // small molecules to antibodies, nm
                gag[i] = (float) (3e-3 * r.nextDouble()); // a hyaluronan state, 0 to 2.5× the sourced cancer value
            }
            String kernel = "__kernel void laws(__constant const float* law, __global const float* e,"
                    + " __global const int* code, __global const float* rs, __global const float* gag,"
                    + " __global double* out) {\n"
                    + "    const int i = get_global_id(0);\n"
                    + "    out[i] = relative_diffusivity(" + kind + ", law, e[i], code[i], rs[i], gag[i]);\n"
                    + "}\n";
            double[] device = new double[SAMPLES];
            run("kernels/biology.cl", kernel, "-DSPECIES=1 -DDRUG=0", "laws", device, table, e, code, rs, gag);
            double worst = 0;
            for (int i = 0; i < SAMPLES; i++) {
                double expected = law instanceof FibreMatrixLaw f
                        ? f.relativeDiffusivityWithGag(e[i], code[i], rs[i], gag[i])
                        : law.relativeDiffusivity(e[i], code[i], rs[i]);
                // the kernel works in float from float parameters. OpenCL allows pow 16 ulps, exp, log and
                // sqrt 3 each, the other operations half an ulp, the parameters' rounding half an ulp each:
                // about 32 ulps of relative error on the exponent's terms in all, which becomes an absolute
                // error of the exponent, i.e. a relative error of D/D0 times |ln D/D0|, plus the final
                // exp's own: 32 float ulps × (1 + |ln D/D0|)
                double allowed = 32 * FLOAT_ULP * (1 + Math.abs(Math.log(expected))) * expected;
                double ratio = Math.abs(device[i] - expected) / allowed;
                worst = Math.max(worst, ratio);
                assertTrue(ratio <= 1, law + " sample " + i + " (E " + e[i] + " kPa, cell " + code[i] + ", r_s "
                        + rs[i] + " nm): kernel " + device[i] + ", Java " + expected);
            }
            System.out.printf("relative_diffusivity %s: worst |kernel - Java| / allowed = %.3f%n",
                    law.getClass().getSimpleName(), worst);
        }
    }

    /**
     * Builds {@code file} with the generated constants plus {@code defines}, with {@code kernel} appended,
     * and runs kernel {@code name} over {@link #SAMPLES} work items: one read-only buffer per input array
     * (int[], float[] or double[]), then the output.
     */
    private static void run(String file, String kernel, String defines, String name, double[] out, Object... inputs) {
        DeviceContext context = DeviceContext.of(OpenClTestDevice.get());
        cl_program program = context.build(file + "+test", KernelSource.read(file) + "\n" + kernel,
                DeviceContext.BUILD_OPTIONS + " " + defines);
        try (ClResources r = new ClResources(context.context())) {
            cl_command_queue queue = r.queue(context.device());
            cl_kernel k = r.kernel(DeviceContext.kernel(program, file, name));
            for (int a = 0; a < inputs.length; a++) {
                cl_mem buffer;
                if (inputs[a] instanceof int[] ints) {
                    buffer = r.readOnly(Pointer.to(ints), (long) ints.length * Sizeof.cl_int);
                } else if (inputs[a] instanceof float[] floats) {
                    buffer = r.readOnly(Pointer.to(floats), (long) floats.length * Sizeof.cl_float);
                } else {
                    double[] doubles = (double[]) inputs[a];
                    buffer = r.readOnly(Pointer.to(doubles), (long) doubles.length * Sizeof.cl_double);
                }
                CL.clSetKernelArg(k, a, Sizeof.cl_mem, Pointer.to(buffer));
            }
            cl_mem result = r.buffer(CL.CL_MEM_WRITE_ONLY, (long) SAMPLES * Sizeof.cl_double);
            CL.clSetKernelArg(k, inputs.length, Sizeof.cl_mem, Pointer.to(result));
            CL.clEnqueueNDRangeKernel(queue, k, 1, null, new long[] {SAMPLES}, null, 0, null, null);
            CL.clEnqueueReadBuffer(queue, result, CL.CL_TRUE, 0, (long) SAMPLES * Sizeof.cl_double, Pointer.to(out),
                    0, null, null);
        } finally {
            CL.clReleaseProgram(program);
        }
    }
}
