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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * STREAM triad a[i] = b[i] + s·c[i] over double arrays far larger than the 32 MiB L3: each JMH thread
 * owns its three arrays of {@code elements} doubles (default 2^23 each, 3 × 64 MiB per thread), so
 * {@code -t 2} is the two-thread figure, the same thread count as the step benchmark. Bandwidth is
 * counted as STREAM does, 24 bytes per element (read b, read c, write a), reported by the
 * {@code bytes24} counter in bytes/s; with write-allocate the memory system really moves 32 bytes
 * (a is read into the cache before it is written), so the true traffic is 4/3 of the figure.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(2)
public class StreamTriadBenchmark {

    static final int BYTES_PER_ELEMENT = 24;

    @Param({"8388608"})
    public int elements;

    private double[] a;
    private double[] b;
    private double[] c;
    private final double scalar = 3.0;

    @Setup(Level.Trial)
    public void allocate() {
        a = new double[elements];
        b = new double[elements];
        c = new double[elements];
        for (int i = 0; i < elements; i++) {
            a[i] = 1.0;
            b[i] = 2.0;
            c[i] = 0.5 * i;
        }
    }

    /** Bytes/s at 24 bytes per element, as STREAM counts them. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Traffic {
        public long bytes24;
    }

    @Benchmark
    public double[] triad(Traffic traffic) {
        double[] x = a;
        double[] y = b;
        double[] z = c;
        double s = scalar;
        for (int i = 0; i < x.length; i++) {
            x[i] = y[i] + s * z[i];
        }
        traffic.bytes24 += (long) x.length * BYTES_PER_ELEMENT;
        return x;
    }
}
