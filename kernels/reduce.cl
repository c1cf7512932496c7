// stromasim metric reductions (OpenCL C 1.2). Each work-group writes one partial per output: the
// float sum (Kahan-compensated within a work-item, then a tree in local memory), the maximum and the
// count of values above a threshold. The host adds the few partials in double. The local size must
// be a power of two (the host chooses it so).

#pragma OPENCL FP_CONTRACT OFF

// CELL_VESSEL (CellType) is defined at build time by KernelConstants.
#ifndef STROMASIM_KERNEL_CONSTANTS
#error "build with KernelConstants.buildOptions() (the layout constants shared with the host)"
#endif

inline void accumulate(float x, float threshold, float* sum, float* comp, float* maxv, int* above) {
    float y = x - *comp;
    float t = *sum + y;
    *comp = (t - *sum) - y;
    *sum = t;
    *maxv = fmax(*maxv, x);
    *above += x > threshold ? 1 : 0;
}

// Tree reduction of the work-group's values; work-item 0 writes the partials at `slot`.
inline void finish_group(float sum, float maxv, int above,
                         __local float* lsum, __local float* lmax, __local int* labove,
                         __global float* partialSum, __global float* partialMax, __global int* partialAbove,
                         size_t slot) {
    const int lid = get_local_id(0);
    const int size = get_local_size(0);
    lsum[lid] = sum;
    lmax[lid] = maxv;
    labove[lid] = above;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int width = size / 2; width > 0; width /= 2) {
        if (lid < width) {
            lsum[lid] += lsum[lid + width];
            lmax[lid] = fmax(lmax[lid], lmax[lid + width]);
            labove[lid] += labove[lid + width];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (lid == 0) {
        partialSum[slot] = lsum[0];
        partialMax[slot] = lmax[0];
        partialAbove[slot] = labove[0];
    }
}

// Sum, maximum and count above `threshold` of field[v] (field = fields + offset: one species of the
// concentration buffer) over every voxel that is not vessel lumen.
// One-dimensional range: get_num_groups(0) groups stride over the grid.
__kernel void reduce_tissue(__global const float* fields, const int offset, const int voxels,
                            __global const uchar* cell, const float threshold,
                            __global float* partialSum, __global float* partialMax, __global int* partialAbove,
                            __local float* lsum, __local float* lmax, __local int* labove) {
    __global const float* field = fields + offset;
    float sum = 0.0f;
    float comp = 0.0f;
    float maxv = -INFINITY;
    int above = 0;
    const int stride = get_global_size(0);
    for (int v = get_global_id(0); v < voxels; v += stride) {
        if (cell[v] != CELL_VESSEL) {
            accumulate(field[v], threshold, &sum, &comp, &maxv, &above);
        }
    }
    finish_group(sum, maxv, above, lsum, lmax, labove, partialSum, partialMax, partialAbove, get_group_id(0));
}

// The same over index lists: segment b holds voxels indices[segmentStart[b] .. segmentStart[b + 1]).
// Two-dimensional range: dimension 0 strides within a segment (get_num_groups(0) groups per segment),
// dimension 1 is the segment (first = firstSegment). Partials are [segment - firstSegment][group].
__kernel void reduce_indexed(__global const float* fields, const int offset,
                             __global const int* indices, __global const int* segmentStart,
                             const int firstSegment, const float threshold,
                             __global float* partialSum, __global float* partialMax, __global int* partialAbove,
                             __local float* lsum, __local float* lmax, __local int* labove) {
    const int segment = firstSegment + get_group_id(1);
    const int from = segmentStart[segment];
    const int to = segmentStart[segment + 1];
    __global const float* field = fields + offset;
    float sum = 0.0f;
    float comp = 0.0f;
    float maxv = -INFINITY;
    int above = 0;
    const int stride = get_global_size(0);
    for (int at = from + get_global_id(0); at < to; at += stride) {
        accumulate(field[indices[at]], threshold, &sum, &comp, &maxv, &above);
    }
    size_t slot = (size_t) get_group_id(1) * get_num_groups(0) + get_group_id(0);
    finish_group(sum, maxv, above, lsum, lmax, labove, partialSum, partialMax, partialAbove, slot);
}

// Non-finite search: first[slot] becomes the smallest index v < n with fields[offset + v] NaN or ±∞
// (the host sets it to n first, meaning none). One int per field travels back, not the field: a metrics
// interval on the device learns that the state went bad without downloading it. Each work-item stops at
// its first hit: its later voxels have larger indices.
__kernel void find_nonfinite(__global const float* fields, const int offset, const int n,
                             volatile __global int* first, const int slot) {
    const int stride = get_global_size(0);
    for (int v = get_global_id(0); v < n; v += stride) {
        if (!isfinite(fields[offset + v])) {
            atomic_min(&first[slot], v);
            break;
        }
    }
}
