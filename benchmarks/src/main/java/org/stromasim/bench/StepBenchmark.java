package org.stromasim.bench;

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
import org.stromasim.backend.java.JavaBackend;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportModel;

/**
 * JavaBackend.advance on an n³ heterogeneous tissue (see {@link BenchScenarios}), at the run's own
 * time step (0.9 × the explicit stability limit). Each invocation advances {@code stepsPerCall} steps
 * in one call, as the time loop does (it asks for chunks of about 0.25 s of wall time);
 * stepsPerCall = 1 shows the cost of a single-step call.
 *
 * <p>Besides time per call, the {@link Throughput} counters report voxel-species updates per second
 * ({@code updates}) and the effective memory bandwidth at 12 bytes per update ({@code bytes12}, in
 * bytes/s): read C and D and write C', 4 bytes each, which is the least any explicit step can move.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
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

    /** Backend threads (the machine has 2 cores). */
    @Param({"2"})
    public int threads;

    @Param({"10"})
    public int stepsPerCall;

    private JavaBackend backend;
    private double dtS;
    private double timeS;
    private long updatesPerCall;

    @Setup(Level.Trial)
    public void build() {
        Scenario scenario = BenchScenarios.cube(n, species);
        Tissue tissue = TissueBuilder.build(scenario);
        TransportModel model = TransportModel.compile(scenario, tissue);
        dtS = model.timeStepS(scenario.run());
        backend = new JavaBackend(model, threads);
        backend.upload(tissue);
        // start inside the bolus, so the drug is actually moving (the bolus starts at t = 60 s)
        timeS = 60.0;
        updatesPerCall = (long) tissue.grid().voxelCount() * species * stepsPerCall;
    }

    @TearDown(Level.Trial)
    public void close() {
        backend.close();
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
        backend.advance(timeS, dtS, stepsPerCall);
        timeS += stepsPerCall * dtS;
        counters.updates += updatesPerCall;
        counters.bytes12 += updatesPerCall * BYTES_PER_UPDATE;
    }
}
