package org.stromasim.backend.java;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fixed set of threads, created once, that run one {@link SlabTask} over disjoint z-slabs and
 * wait for each other (a barrier per phase). The calling thread works on slab 0, so {@code threads}
 * slabs use {@code threads − 1} extra threads. Slabs are contiguous runs of z-planes, as equal as
 * possible at first; {@link #balance} may move their boundaries between runs so that each costs the
 * same time (planes differ: a tumour nest's per-voxel reactions cost more than ECM). No work depends
 * on the partition, so results do not depend on the thread count or the boundaries.
 */
final class SlabWorkers implements AutoCloseable {

    private final int threads;
    /** Slab w is planes [slabStartK[w], slabStartK[w + 1]); written only between runs, by the calling thread. */
    private final int[] slabStartK;
    private final CyclicBarrier start;
    private final CyclicBarrier done;
    private final Thread[] workers;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile SlabTask task;
    private volatile boolean closing;
    private boolean closed;

    SlabWorkers(int threads, int nz) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.slabStartK = new int[threads + 1];
        for (int w = 0; w <= threads; w++) {
            slabStartK[w] = (int) ((long) nz * w / threads);
        }
        this.start = new CyclicBarrier(threads);
        this.done = new CyclicBarrier(threads);
        this.workers = new Thread[threads - 1];
        for (int w = 1; w < threads; w++) {
            int slab = w;
            Thread t = new Thread(() -> workLoop(slab), "stromasim-java-slab-" + w);
            t.setDaemon(true);
            workers[w - 1] = t;
            t.start();
        }
    }

    int threads() {
        return threads;
    }

    /** The slab that starts at plane kFrom (slabs are given to tasks by their first plane). */
    int slabStartingAt(int kFrom) {
        for (int w = 0; w < threads; w++) {
            if (slabStartK[w] == kFrom && slabStartK[w + 1] > kFrom) {
                return w;
            }
        }
        throw new IllegalArgumentException("no non-empty slab starts at plane " + kFrom);
    }

    /**
     * Moves the slab boundaries so that the slabs' summed plane costs are as equal as contiguous runs
     * allow, every slab keeping at least one plane (when there are at least as many planes as
     * slabs). Call between runs, on the calling thread (the next run's barrier publishes the
     * boundaries to the workers). Costs are per plane in any unit; all zero leaves the slabs as they are.
     */
    void balance(double[] planeCost) {
        int nz = slabStartK[threads];
        if (threads == 1 || nz < threads || planeCost.length != nz) {
            return;
        }
        double total = 0;
        for (double c : planeCost) {
            total += c;
        }
        if (!(total > 0) || !Double.isFinite(total)) {
            return;
        }
        double before = 0;
        int k = 0;
        for (int w = 1; w < threads; w++) {
            double target = total * w / threads;
            // the boundary goes before the first plane whose middle lies past the target
            while (k < nz && before + planeCost[k] / 2 < target) {
                before += planeCost[k];
                k++;
            }
            int lowest = slabStartK[w - 1] + 1;
            int highest = nz - (threads - w);
            int boundary = Math.max(lowest, Math.min(highest, k));
            while (k < boundary) {
                before += planeCost[k];
                k++;
            }
            while (k > boundary) {
                k--;
                before -= planeCost[k];
            }
            slabStartK[w] = boundary;
        }
    }

    /** First plane of slab w (slab w ends where slab w + 1 starts; slab {@code threads} is nz). */
    int slabStart(int w) {
        return slabStartK[w];
    }

    /** Runs {@code t} on every slab and returns when all are done; rethrows the first failure. */
    void run(SlabTask t) {
        if (closed) {
            throw new IllegalStateException("the Java backend's threads have been closed");
        }
        if (threads == 1) {
            t.run(slabStartK[0], slabStartK[1]);
            return;
        }
        task = t;
        await(start);
        runSlab(0);
        await(done);
        Throwable f = failure.getAndSet(null);
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
    }

    private void workLoop(int slab) {
        try {
            while (true) {
                start.await();
                if (closing) {
                    return;
                }
                runSlab(slab);
                done.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (BrokenBarrierException e) {
            // The caller gave up (interrupted or closing): nothing left to do on this thread.
        }
    }

    private void runSlab(int slab) {
        try {
            task.run(slabStartK[slab], slabStartK[slab + 1]);
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Java backend's threads", e);
        } catch (BrokenBarrierException e) {
            throw new IllegalStateException("a Java backend thread stopped unexpectedly", e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (threads == 1) {
            return;
        }
        closing = true;
        try {
            // Pass the start barrier as in a normal phase: every worker (whether already waiting or
            // still on its way back from the previous phase) passes it, sees closing and exits.
            start.await();
        } catch (InterruptedException | BrokenBarrierException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            for (Thread t : workers) {
                t.interrupt(); // a broken or abandoned barrier: wake the workers so they exit
            }
        }
        for (Thread t : workers) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
