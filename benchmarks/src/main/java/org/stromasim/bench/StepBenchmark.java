package org.stromasim.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.stromasim.backend.Backend;
import org.stromasim.backend.java.JavaBackend;
import org.stromasim.backend.opencl.DeviceSelector;
import org.stromasim.backend.opencl.OpenClBackend;
import org.stromasim.backend.opencl.OpenClDevices;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.Rkl2;
import org.stromasim.transport.TransportFields;
import org.stromasim.transport.TransportModel;

/**
 * {@code Backend.advance} of the Java backend ({@code backend=java}, {@code threads} worker threads)
 * or the OpenCL backend ({@code backend=opencl}, the best OpenCL device: on this machine PoCL's CPU
 * device, which uses every core itself; {@code threads} does not apply) on an n³ heterogeneous tissue (see {@link BenchScenarios}), at the run's own
 * time step (0.9 × the explicit stability limit). Each invocation advances {@code stepsPerCall} steps
 * in one call, as the time loop does (it asks for chunks of about 0.25 s of wall time);
 * stepsPerCall = 1 shows the cost of a single-step call.
 *
 * <p>Besides time per call, the {@link Throughput} counters report voxel-species updates per second
 * ({@code updates}) and the effective memory bandwidth at 12 bytes per update ({@code bytes12}, in
 * bytes/s): read C and D and write C', 4 bytes each, which is the least any explicit step can move.
 *
 * <p>The forked JVM gets {@code --add-modules jdk.incubator.vector}, so the Java backend runs its
 * vectorised row loops; {@code -jvmArgsAppend "-Xms4g -Xmx4g"} on the command line replaces the
 * annotation's arguments and measures the scalar loops (same numbers, bitwise); adding
 * {@code -Dstromasim.vectorBits=preferred} there measures the CPU's widest vectors instead of the default
 * 256-bit cap. Each trial prints the backend's description and the CPU model and ISA.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Threads(1)
public class StepBenchmark {

    /** Bytes an update must move at the least: C in, D in, C out (float each). */
    static final int BYTES_PER_UPDATE = 12;

    @Param({"64", "128"})
    public int n;

    @Param({"1", "4"})
    public int species;

    /** java = JavaBackend; opencl = OpenClBackend on the best OpenCL device (DeviceSelector.best). */
    @Param({"java", "opencl"})
    public String backend;

    /** Java backend threads (the machine has 2 cores); the OpenCL runtime picks its own. */
    @Param({"2"})
    public int threads;

    @Param({"10"})
    public int stepsPerCall;

    /**
     * explicit: the run's own step (0.9 × the stability limit); rkl2: {@code rkl2Multiple} × that step in
     * RKL2 stages (the reaction split around them included in the time, not in the counted updates).
     */
    @Param({"explicit"})
    public String scheme;

    /** RKL2 step as a multiple of the explicit one (ignored for explicit). */
    @Param({"20"})
    public double rkl2Multiple;

    private Backend stepper;
    private double dtS;
    private double timeS;
    private long updatesPerCall;

    @Setup(Level.Trial)
    public void build() {
        boolean rkl2 = switch (scheme) {
            case "explicit" -> false;
            case "rkl2" -> true;
            default -> throw new IllegalArgumentException("scheme must be explicit or rkl2, got " + scheme);
        };
        Scenario scenario = BenchScenarios.cube(n, species,
                rkl2 ? List.of("run.diffusion.scheme=rkl2", "run.dt_s=1") : List.of());
        Tissue tissue = TissueBuilder.build(scenario);
        TransportModel model = TransportModel.compile(scenario, tissue);
        TransportFields fields = TransportFields.of(model);
        // the scenario's run.dt_s only lets the RKL2 scenario load; the benchmark sets its own step
        dtS = fields.stabilityLimit().automaticStepS(scenario.run().stabilitySafety()) * (rkl2 ? rkl2Multiple : 1);
        stepper = create(model);
        // the fork's output keeps these beside the figures: which loops ran, on which CPU
        System.out.println("# backend: " + stepper.description() + "; machine: " + MachineInfo.describe());
        stepper.upload(tissue);
        // start inside the bolus, so the drug is actually moving (the bolus starts at t = 60 s)
        timeS = 60.0;
        // an RKL2 step applies the stencil once per stage of each species
        long stencilPassesPerStep = species;
        if (rkl2) {
            stencilPassesPerStep = 0;
            for (int s = 0; s < species; s++) {
                stencilPassesPerStep += Rkl2.stagesFor(dtS, fields.explicitLimitS(s));
            }
        }
        System.out.println("# scheme: " + scheme + ", dt = " + dtS + " s, stencil passes per step: " + stencilPassesPerStep);
        updatesPerCall = (long) tissue.grid().voxelCount() * stencilPassesPerStep * stepsPerCall;
    }

    private Backend create(TransportModel model) {
        switch (backend) {
            case "java":
                return new JavaBackend(model, threads);
            case "opencl":
                return new OpenClBackend(model, DeviceSelector.best(OpenClDevices.list()).orElseThrow(
                        () -> new IllegalStateException("backend=opencl: no usable OpenCL device (see `stromasim devices`)")));
            default:
                throw new IllegalArgumentException("backend must be java or opencl, got " + backend);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        stepper.close();
    }

    /** Rates JMH divides by the measured time: updates/s and bytes/s at {@link #BYTES_PER_UPDATE}. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Throughput {
        public long updates;
        public long bytes12;
    }

    @Benchmark
    public void advance(Throughput counters) {
        stepper.advance(timeS, dtS, stepsPerCall);
        timeS += stepsPerCall * dtS;
        counters.updates += updatesPerCall;
        counters.bytes12 += updatesPerCall * BYTES_PER_UPDATE;
    }
}
