package org.stromasim.backend.opencl;

import static org.jocl.CL.CL_TRUE;

import java.util.Optional;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;
import org.stromasim.backend.NonFiniteValue;
import org.stromasim.metrics.ReductionPlan;
import org.stromasim.metrics.StateReductions;
import org.stromasim.tissue.Tissue;

/**
 * The metric sums of the device state (kernels/reduce.cl): per species the sum and maximum over tissue
 * voxels, the drug's sum per vessel-distance shell, the count of exposed cancer voxels, and the drug's
 * concentration and exposure sums per depth shell below the tumour boundary (the same indexed kernel over
 * the plan's depth segments). Each launch writes
 * one partial (sum, max, count) per work-group; the host adds the partials in double. The plan's index
 * list of every segment is built from the host copy and uploaded on first use of a plan, into buffers
 * that are reused (grown only when needed) when the plan changes with the cells; the host drops the list
 * once uploaded (the plan itself does not keep the vessel shells' voxels, see {@link ReductionPlan}).
 */
final class DeviceReductions {

    /** Work-groups per segment of the indexed reduction (shells are small; a few groups suffice). */
    private static final int GROUPS_PER_SEGMENT = 4;

    private final ClResources resources;
    private final cl_command_queue queue;
    private final int voxels;
    private final cl_mem cell;
    private final cl_kernel tissueKernel;
    private final cl_kernel indexedKernel;
    private final cl_kernel nonFiniteKernel;
    /** One int per searched field: the first non-finite voxel, or {@link #voxels} for none. */
    private cl_mem firstNonFinite;
    private int firstNonFiniteCapacity;
    private final long tissueLocal;
    private final long indexedLocal;
    private final int tissueGroups;
    private ReductionPlan uploadedPlan;
    private cl_mem indices;
    private cl_mem segmentStart;
    private int indicesCapacity;
    private int startCapacity;
    private cl_mem partialSum;
    private cl_mem partialMax;
    private cl_mem partialAbove;
    private int partialCapacity;

    DeviceReductions(ClResources resources, cl_program program, OpenClDevice device, cl_command_queue queue,
                     int voxels, cl_mem cell) {
        this.resources = resources;
        this.queue = queue;
        this.voxels = voxels;
        this.cell = cell;
        this.tissueKernel = resources.kernel(DeviceContext.kernel(program, OpenClBackend.REDUCE_KERNELS, "reduce_tissue"));
        this.indexedKernel = resources.kernel(DeviceContext.kernel(program, OpenClBackend.REDUCE_KERNELS, "reduce_indexed"));
        this.nonFiniteKernel = resources.kernel(DeviceContext.kernel(program, OpenClBackend.REDUCE_KERNELS, "find_nonfinite"));
        this.tissueLocal = LocalSizes.forReduction(tissueKernel, device.device());
        this.indexedLocal = LocalSizes.forReduction(indexedKernel, device.device());
        // Enough groups to fill the device a few times over, no more than the grid needs.
        long needed = (voxels + tissueLocal - 1) / tissueLocal;
        this.tissueGroups = (int) Math.max(1, Math.min(needed, 4L * Math.max(1, device.computeUnits())));
    }

    /**
     * @param host          the host copy whose cells and vessel distances built {@code plan}
     * @param concentration all species, species s starting at float {@code fieldOffset + s·voxels}
     *                      (the transport buffers carry a guard band in front)
     */
    StateReductions reduce(ReductionPlan plan, Tissue host, cl_mem concentration, int fieldOffset, cl_mem exposure,
                           int species) {
        prepare(plan, host);
        double[] sum = new double[species];
        double[] max = new double[species];
        long tissueVoxels = 0;
        for (int s = 0; s < species; s++) {
            runTissue(concentration, fieldOffset + s * voxels);
            Partials p = read(tissueGroups);
            sum[s] = p.sum(0, tissueGroups);
            max[s] = p.max(0, tissueGroups);
            tissueVoxels = p.above(0, tissueGroups); // every finite value is above −∞: the tissue voxel count
        }
        boolean hasDrug = plan.drugSpecies() >= 0;
        int drugOffset = fieldOffset + plan.drugSpecies() * voxels;
        double[] shellSum = hasDrug ? segmentSums(concentration, drugOffset, 0, plan.shellCount()) : new double[0];
        long exposed = 0;
        double[] depthDrugSum = new double[0];
        double[] depthExposureSum = new double[0];
        if (hasDrug) {
            runIndexed(exposure, 0, plan.cancerSegment(), 1, (float) plan.exposureThreshold());
            exposed = read(GROUPS_PER_SEGMENT).above(0, GROUPS_PER_SEGMENT);
            depthDrugSum = segmentSums(concentration, drugOffset, plan.depthSegment(0), plan.depthShellCount());
            depthExposureSum = segmentSums(exposure, 0, plan.depthSegment(0), plan.depthShellCount());
        }
        return new StateReductions(sum, max, tissueVoxels, shellSum, exposed, depthDrugSum, depthExposureSum);
    }

    /**
     * The first NaN or ±∞ among the concentrations (species s at float {@code fieldOffset + s·voxels}) and
     * the exposure, searched on the device: one int per field comes back, then the one bad float.
     */
    Optional<NonFiniteValue> firstNonFinite(cl_mem concentration, int fieldOffset, cl_mem exposure, int species) {
        int fields = species + 1;
        if (fields > firstNonFiniteCapacity) {
            firstNonFinite = resources.buffer(CL.CL_MEM_READ_WRITE, (long) fields * Sizeof.cl_int);
            firstNonFiniteCapacity = fields;
        }
        int[] none = new int[fields];
        java.util.Arrays.fill(none, voxels);
        CL.clEnqueueWriteBuffer(queue, firstNonFinite, CL_TRUE, 0, (long) fields * Sizeof.cl_int, Pointer.to(none),
                0, null, null);
        for (int f = 0; f < fields; f++) {
            cl_kernel k = nonFiniteKernel;
            CL.clSetKernelArg(k, 0, Sizeof.cl_mem, Pointer.to(f < species ? concentration : exposure));
            CL.clSetKernelArg(k, 1, Sizeof.cl_int, Pointer.to(new int[] {f < species ? fieldOffset + f * voxels : 0}));
            CL.clSetKernelArg(k, 2, Sizeof.cl_int, Pointer.to(new int[] {voxels}));
            CL.clSetKernelArg(k, 3, Sizeof.cl_mem, Pointer.to(firstNonFinite));
            CL.clSetKernelArg(k, 4, Sizeof.cl_int, Pointer.to(new int[] {f}));
            CL.clEnqueueNDRangeKernel(queue, k, 1, null, new long[] {tissueGroups * tissueLocal}, null, 0, null, null);
        }
        int[] first = new int[fields];
        CL.clEnqueueReadBuffer(queue, firstNonFinite, CL_TRUE, 0, (long) fields * Sizeof.cl_int, Pointer.to(first),
                0, null, null);
        for (int f = 0; f < fields; f++) {
            if (first[f] < voxels) {
                long at = f < species ? (long) fieldOffset + (long) f * voxels + first[f] : first[f];
                float[] value = new float[1];
                CL.clEnqueueReadBuffer(queue, f < species ? concentration : exposure, CL_TRUE, at * Sizeof.cl_float,
                        Sizeof.cl_float, Pointer.to(value), 0, null, null);
                return Optional.of(new NonFiniteValue(f, first[f], value[0]));
            }
        }
        return Optional.empty();
    }

    /** Sum of {@code field} over each of {@code segments} consecutive plan segments from {@code firstSegment}. */
    private double[] segmentSums(cl_mem field, int offset, int firstSegment, int segments) {
        runIndexed(field, offset, firstSegment, segments, Float.POSITIVE_INFINITY);
        Partials p = read(segments * GROUPS_PER_SEGMENT);
        double[] sums = new double[segments];
        for (int b = 0; b < segments; b++) {
            sums[b] = p.sum(b * GROUPS_PER_SEGMENT, (b + 1) * GROUPS_PER_SEGMENT);
        }
        return sums;
    }

    private void prepare(ReductionPlan plan, Tissue host) {
        int needed = Math.max(tissueGroups, Math.max(plan.shellCount(), plan.depthShellCount()) * GROUPS_PER_SEGMENT);
        if (needed > partialCapacity) {
            partialSum = resources.buffer(CL.CL_MEM_WRITE_ONLY, (long) needed * Sizeof.cl_float);
            partialMax = resources.buffer(CL.CL_MEM_WRITE_ONLY, (long) needed * Sizeof.cl_float);
            partialAbove = resources.buffer(CL.CL_MEM_WRITE_ONLY, (long) needed * Sizeof.cl_int);
            partialCapacity = needed;
        }
        if (plan != uploadedPlan) {
            // A new plan arrives whenever the slow step changed cells: rewrite the index lists in place and
            // grow the buffers only when a plan needs more room (the owner releases buffers only at close).
            ReductionPlan.Segments segments = plan.buildSegments(host);
            int[] list = segments.indices();
            int[] start = segments.start();
            if (list.length > indicesCapacity) {
                indicesCapacity = Math.max(list.length, indicesCapacity + indicesCapacity / 4);
                indices = resources.buffer(CL.CL_MEM_READ_ONLY, (long) Math.max(1, indicesCapacity) * Sizeof.cl_int);
            }
            if (start.length > startCapacity) {
                startCapacity = Math.max(start.length, startCapacity + startCapacity / 4);
                segmentStart = resources.buffer(CL.CL_MEM_READ_ONLY, (long) startCapacity * Sizeof.cl_int);
            }
            if (list.length > 0) {
                CL.clEnqueueWriteBuffer(queue, indices, CL_TRUE, 0, (long) list.length * Sizeof.cl_int, Pointer.to(list),
                        0, null, null);
            }
            CL.clEnqueueWriteBuffer(queue, segmentStart, CL_TRUE, 0, (long) start.length * Sizeof.cl_int,
                    Pointer.to(start), 0, null, null);
            uploadedPlan = plan;
        }
    }

    private void runTissue(cl_mem field, int offset) {
        cl_kernel k = tissueKernel;
        CL.clSetKernelArg(k, 0, Sizeof.cl_mem, Pointer.to(field));
        CL.clSetKernelArg(k, 1, Sizeof.cl_int, Pointer.to(new int[] {offset}));
        CL.clSetKernelArg(k, 2, Sizeof.cl_int, Pointer.to(new int[] {voxels}));
        CL.clSetKernelArg(k, 3, Sizeof.cl_mem, Pointer.to(cell));
        CL.clSetKernelArg(k, 4, Sizeof.cl_float, Pointer.to(new float[] {Float.NEGATIVE_INFINITY}));
        setPartialsAndLocal(k, 5, tissueLocal);
        CL.clEnqueueNDRangeKernel(queue, k, 1, null, new long[] {tissueGroups * tissueLocal}, new long[] {tissueLocal},
                0, null, null);
    }

    private void runIndexed(cl_mem field, int offset, int firstSegment, int segments, float threshold) {
        cl_kernel k = indexedKernel;
        CL.clSetKernelArg(k, 0, Sizeof.cl_mem, Pointer.to(field));
        CL.clSetKernelArg(k, 1, Sizeof.cl_int, Pointer.to(new int[] {offset}));
        CL.clSetKernelArg(k, 2, Sizeof.cl_mem, Pointer.to(indices));
        CL.clSetKernelArg(k, 3, Sizeof.cl_mem, Pointer.to(segmentStart));
        CL.clSetKernelArg(k, 4, Sizeof.cl_int, Pointer.to(new int[] {firstSegment}));
        CL.clSetKernelArg(k, 5, Sizeof.cl_float, Pointer.to(new float[] {threshold}));
        setPartialsAndLocal(k, 6, indexedLocal);
        CL.clEnqueueNDRangeKernel(queue, k, 2, null, new long[] {GROUPS_PER_SEGMENT * indexedLocal, segments},
                new long[] {indexedLocal, 1}, 0, null, null);
    }

    private void setPartialsAndLocal(cl_kernel k, int first, long local) {
        CL.clSetKernelArg(k, first, Sizeof.cl_mem, Pointer.to(partialSum));
        CL.clSetKernelArg(k, first + 1, Sizeof.cl_mem, Pointer.to(partialMax));
        CL.clSetKernelArg(k, first + 2, Sizeof.cl_mem, Pointer.to(partialAbove));
        CL.clSetKernelArg(k, first + 3, local * Sizeof.cl_float, null);
        CL.clSetKernelArg(k, first + 4, local * Sizeof.cl_float, null);
        CL.clSetKernelArg(k, first + 5, local * Sizeof.cl_int, null);
    }

    private Partials read(int count) {
        float[] sums = new float[count];
        float[] maxima = new float[count];
        int[] above = new int[count];
        CL.clEnqueueReadBuffer(queue, partialSum, CL_TRUE, 0, (long) count * Sizeof.cl_float, Pointer.to(sums), 0, null, null);
        CL.clEnqueueReadBuffer(queue, partialMax, CL_TRUE, 0, (long) count * Sizeof.cl_float, Pointer.to(maxima), 0, null, null);
        CL.clEnqueueReadBuffer(queue, partialAbove, CL_TRUE, 0, (long) count * Sizeof.cl_int, Pointer.to(above), 0, null, null);
        return new Partials(sums, maxima, above);
    }

    private record Partials(float[] sums, float[] maxima, int[] above) {
        double sum(int from, int to) {
            double total = 0;
            for (int i = from; i < to; i++) {
                total += sums[i];
            }
            return total;
        }

        double max(int from, int to) {
            double m = Double.NEGATIVE_INFINITY;
            for (int i = from; i < to; i++) {
                m = Math.max(m, maxima[i]);
            }
            return m;
        }

        long above(int from, int to) {
            long n = 0;
            for (int i = from; i < to; i++) {
                n += above[i];
            }
            return n;
        }
    }
}
