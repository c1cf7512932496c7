// stromasim transport kernels (OpenCL C 1.2, float32 state).
//
// One launch of `transport_pass` is one pass over the grid: work-item (x, j, s*nz + k) updates species s
// in voxels x*W .. x*W+W-1 of row (j, k) (species are the third NDRange dimension, so a work-group
// streams through the planes of one species: on a CPU, four species in one work-item meant two dozen
// concurrent memory streams, more than the prefetchers follow, and the kernel waited on z-neighbour
// loads). Per voxel and species:
//   1. (diffuse != 0) explicit-Euler finite-volume diffusion from src:
//        C = C_v + dt/dx^2 * sum_faces D_face*(C_nb - C_v), D_face = 2*D_v*D_nb/(D_v + D_nb);
//      zero-flux faces add nothing, FIXED faces 2*D_v*(C_b - C_v), PERIODIC faces wrap; then C = 0 where
//      |C| < CONCENTRATION_FLOOR (host: ConcentrationFloor);
//      (diffuse == 0) C = src: a reaction-only pass;
//   2. reaction sub-step A over hA seconds (skipped when hA == 0);
//   3. for the drug species, exposure += weight * C (Kahan-compensated float pair);
//   4. reaction sub-step B over hB seconds (skipped when hB == 0);
// and writes C to dst (ping-pong: src and dst are never the same buffer).
//
// This is the pass structure of the Java backend: with Strang splitting a run of n steps is one
// reaction-only pass [exposure dt/2, R(dt/2)] and n fused passes [D, R(dt/2), exposure, R(dt/2)]:
// the two half reactions stay separate sub-steps, the state between them is the split state at the
// step boundary (exposure is taken there, the Michaelis-Menten rate is frozen there), so the result
// is the sequence R(dt/2) D R(dt/2) of every step. Lie: [exposure dt/2, R(dt)], then [D, exposure, R(dt)].
//
// A species bound reversibly to the matrix (params[P_RETARDATION_SLOT] >= 0: its block of `retardation`) takes
// its own branch: the diffusion change divided by the voxel's R, each reaction sub-step the per-voxel
// integration over h/R (docs/barrier-physics.md section 9).
//
// Reactions: where lambda does not depend on C the sub-step is an affine map tabulated on the host per
// pass by voxel key (cell code * 2 + wall; ReactionTables), no exponential per voxel, and for
// species other than the drug the two sub-steps of a pass composed into one map. The exact map
// C*e^(-lambda*h) + sourceConst + viability*sourcePerAlive is evaluated as
//   scale*C + ((change*C + sourceConst) + viability*sourcePerAlive)
// with scale = 1, change = e^(-lambda*h) - 1 (expm1 on the host) where e^(-lambda*h) >= 1/2, so that a
// small decay keeps its relative precision (e^(-lambda*h) rounded to float is off by up to 3e-8, ~1 % of
// the decay per step at lambda*h = 3e-6, and the same error every step), and with
// scale = e^(-lambda*h), change = 0 below 1/2, where 1 + change would cancel. Keys with Michaelis-Menten
// uptake (and saturating secretion below viability 1) are integrated per voxel, only in work-items
// with such a voxel.
// The per-voxel integration casts each term as dC/dt = S - lambda*C (S, lambda >= 0), integrated exactly:
//   C <- C*exp(-lambda*h) + S*h*(1 - exp(-lambda*h))/(lambda*h),
// lambda = decay + binding[cell] + P*(S/V) + viability*(Vmax[cell]/(Km[cell] + max(C,0)) + relax[cell]),
// S = P*(S/V)*(plasma mean over the sub-step) + viability*secretion[cell].
// Vessel voxels are lumen: no reaction; a species that crosses vessel walls holds the plasma value
// at the end of the sub-step.
//
// Written for SIMD. Each work-item updates W voxels that are consecutive along x (W is a build-time
// macro: 8 on CPU devices, whose runtimes run a work-group as a scalar loop over work-items and do
// not reliably vectorise it by themselves, 1 on GPUs, whose lanes are the work-items). All voxel
// values are floatW/intW vectors (plain float/int when W = 1), and the body has no calls, no loops
// and no data-dependent branches:
//   - SPECIES and DRUG are build-time macros, set by OpenClBackend from the model;
//   - exp and (1 - e^-x)/x are polynomials written out here (exp_neg, relaxed_fraction) rather than
//     library calls; both are accurate to a few float ulps;
//   - per-cell constants of the per-voxel path are picked with selects over the six cell codes
//     (uniform constants broadcast into lanes); table entries are scalar loads where all lanes share
//     one key and lane-by-lane loads otherwise;
//   - every neighbour load is unconditional and boundary faces are chosen with selects: the
//     concentration and diffusivity buffers carry a guard band of `pad` floats before and after
//     (OpenClBackend sizes it to at least a row), so v-1, v+1 and the periodic x partners stay inside
//     the allocation even where their values are then discarded;
//   - the range check on padded global sizes is compiled in only when the host pads (PADDED_RANGE).
//
// Per-species constants live in `params`, PARAMS_STRIDE floats per species (layout: see the P_ macros,
// written by SpeciesParameterTable on the host). The plasma levels of every pass are in `plasma`,
// [pass][species][4] = {mean A, end A, mean B, end B}, uploaded once per advance call.

#pragma OPENCL FP_CONTRACT OFF

#ifndef SPECIES
#error "SPECIES (the species count) must be defined at build time"
#endif
#ifndef DRUG
#error "DRUG (the drug species index, -1 for none) must be defined at build time"
#endif
#ifndef PADDED_RANGE
#define PADDED_RANGE 1
#endif
#ifndef W
#define W 1
#endif

#if W == 1
#define floatW float
#define intW int
#define LOADW(ptr) (*(ptr))
#define STOREW(value, ptr) (*(ptr) = (value))
#define CELLW(ptr) ((int) *(ptr))
#define CONVERT_INTW(x) convert_int(x)
#define CONVERT_FLOATW(x) convert_float(x)
#define AS_FLOATW(x) as_float(x)
#define LANES 0
#define TRUEW 1
#define ANYW(mask) (mask)
#define ALLSAME(x) 1
#define FIRST(x) (x)
#define GATHERW(t, key, o) ((t)[(key) * TABLE_STRIDE + (o)])
#elif W == 8
#define floatW float8
#define intW int8
#define LOADW(ptr) vload8(0, ptr)
#define STOREW(value, ptr) vstore8(value, 0, ptr)
#define CELLW(ptr) convert_int8(vload8(0, ptr))
#define CONVERT_INTW(x) convert_int8(x)
#define CONVERT_FLOATW(x) convert_float8(x)
#define AS_FLOATW(x) as_float8(x)
#define LANES ((int8) (0, 1, 2, 3, 4, 5, 6, 7))
#define TRUEW ((int8) (-1))
#define ANYW(mask) any(mask)
#define ALLSAME(x) all((x) == (int8) ((x).s0))
#define FIRST(x) ((x).s0)
#define GATHERW(t, key, o) ((float8) ((t)[(key).s0 * TABLE_STRIDE + (o)], (t)[(key).s1 * TABLE_STRIDE + (o)], \
        (t)[(key).s2 * TABLE_STRIDE + (o)], (t)[(key).s3 * TABLE_STRIDE + (o)], (t)[(key).s4 * TABLE_STRIDE + (o)], \
        (t)[(key).s5 * TABLE_STRIDE + (o)], (t)[(key).s6 * TABLE_STRIDE + (o)], (t)[(key).s7 * TABLE_STRIDE + (o)]))
#else
#error "W must be 1 or 8"
#endif

// Comparisons give 1/0 for scalars and -1/0 for vectors; select(a, b, c) takes b where c is true in
// both cases (non-zero, resp. the sign bit), so the code below only ever feeds comparisons to it.
#define PICK(condition, ifTrue, ifFalse) select((ifFalse), (ifTrue), (condition))

// Helpers must be inlined (a call inside the work-item loop stops the runtime's optimiser).
#define ALWAYS_INLINE inline __attribute__((always_inline))

// Plasma groups (vessel groups with plasma curves of their own; PLASMA_GROUPS is set by the host, 1 when
// every vessel carries the species' own curve). `levels` points at one species' levels of a pass,
// [group][4] = {mean A, end A, mean B, end B}; PLASMA_LEVEL gives level `which` for the W voxels from v, each
// in its own group (plasmaGroup: one byte per voxel; unused, and not read, when PLASMA_GROUPS == 1).
#ifndef PLASMA_GROUPS
#define PLASMA_GROUPS 1
#endif
#if PLASMA_GROUPS == 1
// through a scalar parameter: clang 15 (PoCL) crashes on a vector cast of a restrict global load
ALWAYS_INLINE floatW broadcast_level(float level) {
    return (floatW) level;
}
#define PLASMA_LEVEL(levels, groups, v, which) broadcast_level((levels)[which])
#elif W == 1
#define PLASMA_LEVEL(levels, groups, v, which) ((levels)[(int) (groups)[v] * 4 + (which)])
#else
#define PLASMA_LEVEL(levels, groups, v, which) ((float8) ((levels)[(int) (groups)[(v)] * 4 + (which)], \
        (levels)[(int) (groups)[(v) + 1] * 4 + (which)], (levels)[(int) (groups)[(v) + 2] * 4 + (which)], \
        (levels)[(int) (groups)[(v) + 3] * 4 + (which)], (levels)[(int) (groups)[(v) + 4] * 4 + (which)], \
        (levels)[(int) (groups)[(v) + 5] * 4 + (which)], (levels)[(int) (groups)[(v) + 6] * 4 + (which)], \
        (levels)[(int) (groups)[(v) + 7] * 4 + (which)]))
#endif

// Layout constants shared with the host, all defined at build time by KernelConstants from their Java
// definitions (none is typed here, so a name the host does not define fails to compile):
//   reaction tables (ReactionTables): per pass, species and sub-table, KEYS entries of TABLE_STRIDE floats
//     {scale, change, sourceConst, sourcePerAlive, mode}, mode MODE_AFFINE / MODE_AFFINE_IF_FULLY_VIABLE /
//     MODE_PER_VOXEL; key = cell code * WALL_CLASSES + wall (VoxelKeys; wall keys are integrated per voxel
//     with the voxel's own S/V);
//   cell codes CELL_* and their count CELL_TYPES (CellType);
//   species parameters (SpeciesParameterTable): PARAMS_STRIDE floats per species at the P_* offsets, per-cell
//     entries CELL_TYPES long, per-face entries in the face order F_XMIN .. F_ZMAX (Face);
//   boundary codes BC_ZERO_FLUX / BC_FIXED / BC_PERIODIC (SpeciesBoundaries).
#ifndef STROMASIM_KERNEL_CONSTANTS
#error "build with KernelConstants.buildOptions() (the layout constants shared with the host)"
#endif

// e^(-x) for x >= 0: x = n*ln2 + r with |r| <= ln2/2 (Cody-Waite split of ln2), e^r by its Taylor
// polynomial to r^7 (truncation < 2e-9 relative), 2^n from the exponent bits. x is clamped to 87,
// where e^-x (1.6e-38) is still a normal float; beyond it the true value is below float resolution
// of any concentration it multiplies.
ALWAYS_INLINE floatW exp_neg(floatW x) {
    floatW t = -fmin(x, (floatW) 87.0f);
    intW n = CONVERT_INTW(t * 1.44269504f - 0.5f); // round to nearest (t <= 0; conversion truncates)
    floatW fn = CONVERT_FLOATW(n);
    floatW r = (t - fn * 0.693145752f) - fn * 1.42860677e-6f;
    floatW p = (floatW) (1.0f / 5040.0f);
    p = p * r + 1.0f / 720.0f;
    p = p * r + 1.0f / 120.0f;
    p = p * r + 1.0f / 24.0f;
    p = p * r + 1.0f / 6.0f;
    p = p * r + 0.5f;
    p = p * r + 1.0f;
    p = p * r + 1.0f;
    return p * AS_FLOATW((n + 127) << 23);
}

// (1 - e^-x)/x for x >= 0, given e = e^-x: its Taylor series below 0.5 (to x^7, truncation < 3e-8),
// where 1 - e would cancel; the quotient above.
ALWAYS_INLINE floatW relaxed_fraction(floatW x, floatW e) {
    floatW s = (floatW) (-1.0f / 40320.0f);
    s = s * x + 1.0f / 5040.0f;
    s = s * x - 1.0f / 720.0f;
    s = s * x + 1.0f / 120.0f;
    s = s * x - 1.0f / 24.0f;
    s = s * x + 1.0f / 6.0f;
    s = s * x - 0.5f;
    s = s * x + 1.0f;
    intW large = x > 0.5f;
    floatW q = (1.0f - e) / PICK(large, x, (floatW) 1.0f);
    return PICK(large, q, s);
}

ALWAYS_INLINE floatW exact_relaxation(floatW c, floatW source, floatW lambda, floatW h) {
    floatW x = lambda * h;
    floatW e = exp_neg(x);
    return c * e + source * h * relaxed_fraction(x, e);
}

// p[base + code] per lane: the six uniform constants broadcast and selected by code.
#if CELL_TYPES != 6
#error "per_cell selects among exactly six cell codes; extend it to CELL_TYPES"
#endif
ALWAYS_INLINE floatW per_cell(__constant const float* restrict p, int base, intW code) {
    floatW value = (floatW) p[base];
    value = PICK(code == 1, (floatW) p[base + 1], value);
    value = PICK(code == 2, (floatW) p[base + 2], value);
    value = PICK(code == 3, (floatW) p[base + 3], value);
    value = PICK(code == 4, (floatW) p[base + 4], value);
    value = PICK(code == 5, (floatW) p[base + 5], value);
    return value;
}

// The wall area per volume that the exchange P*(S/V) of a voxel sees: its S/V with the wall in series
// with the tissue between the wall and the voxel centre (distance delta, diffusivity D of the voxel),
// S/V * D/(D + P*delta), so that P times it is (S/V)/(1/P + delta/D) (org.stromasim.transport.WallExchange);
// S/V itself for a centre on the wall.
ALWAYS_INLINE floatW wall_sv(__constant const float* restrict p, __global const float* restrict svPerUm,
                             __global const float* restrict wallDistanceUm, __global const float* restrict d, long v) {
    floatW sv = LOADW(svPerUm + v);
    floatW delta = LOADW(wallDistanceUm + v);
    floatW dv = LOADW(d + v);
    floatW denominator = dv + p[P_PERMEABILITY] * delta;
    return PICK((delta > 0.0f) & (denominator > 0.0f), sv * dv / denominator, sv);
}

// The per-voxel sub-step over h seconds (per lane: a species bound to the matrix runs h/R, see the
// bound-species branch of transport_pass).
ALWAYS_INLINE floatW react(__constant const float* restrict p, intW code, floatW alive, floatW sv, floatW cv,
                           floatW h, floatW plasmaMean, floatW plasmaEnd) {
    floatW exchange = p[P_PERMEABILITY] * sv;
    floatW vmax = per_cell(p, P_VMAX, code);
    floatW km = per_cell(p, P_KM, code);
    floatW uptake = PICK(vmax > 0.0f, vmax / (km + fmax(cv, (floatW) 0.0f)), (floatW) 0.0f);
    floatW lambda = p[P_DECAY] + per_cell(p, P_BINDING, code) + exchange
            + alive * (uptake + per_cell(p, P_RELAX, code));
    floatW source = exchange * plasmaMean + alive * per_cell(p, P_SECRETION, code);
    floatW reacted = exact_relaxation(cv, source, lambda, h);
    floatW lumen = p[P_CROSSES_VESSELS] != 0.0f ? plasmaEnd : cv;
    return PICK(code == CELL_VESSEL, lumen, reacted);
}

// The tabulated affine map of sub-table t for the voxels' keys: scale*C + ((change*C + sourceConst) +
// alive*sourcePerAlive), in that order (see the header for scale and change). `slow` is set where the
// key must be integrated per voxel instead (uptake, or saturating secretion below viability 1). Where
// all lanes share one key (most of the tissue) the coefficients are scalar loads; otherwise they are
// gathered lane by lane.
ALWAYS_INLINE floatW tabulated(__global const float* restrict t, intW key, floatW c, floatW alive, intW* slow) {
    floatW scale, change, sourceConst, sourcePerAlive, mode;
    if (ALLSAME(key)) {
        __global const float* restrict e = t + FIRST(key) * TABLE_STRIDE;
        scale = (floatW) e[0];
        change = (floatW) e[1];
        sourceConst = (floatW) e[2];
        sourcePerAlive = (floatW) e[3];
        mode = (floatW) e[4];
    } else {
        scale = GATHERW(t, key, 0);
        change = GATHERW(t, key, 1);
        sourceConst = GATHERW(t, key, 2);
        sourcePerAlive = GATHERW(t, key, 3);
        mode = GATHERW(t, key, 4);
    }
    *slow = mode == MODE_PER_VOXEL || (mode == MODE_AFFINE_IF_FULLY_VIABLE && alive != 1.0f);
    return scale * c + ((change * c + sourceConst) + alive * sourcePerAlive);
}

// D_face * (C_nb - C_v) across one face. `inside`: the neighbour is in the domain (or the face is
// periodic and cn, dn are its partner); otherwise the face is a domain face of type `type`.
ALWAYS_INLINE floatW face_term(intW inside, int type, float bcValue, floatW dv, floatW cv, floatW dn, floatW cn) {
    floatW interior = 2.0f * dv * dn / (dv + dn) * (cn - cv);
    floatW fixed = type == BC_FIXED ? 2.0f * dv * (bcValue - cv) : (floatW) 0.0f;
    return PICK(inside, interior, fixed);
}

// The same for a face whose inside/outside is uniform across the lanes (y and z faces).
ALWAYS_INLINE floatW face_term_uniform(bool inside, int type, float bcValue, floatW dv, floatW cv, floatW dn, floatW cn) {
    return face_term(inside ? TRUEW : (intW) 0, type, bcValue, dv, cv, dn, cn);
}

// Sum over the six faces of D_face*(C_nb - C_v) for the W voxels from v (first one at x = i) of one
// species: c and d point at that species' concentration and diffusivity (past the guard band), p at
// its constants. Shared by transport_pass and the RKL2 stages (kernels/rkl2.cl).
ALWAYS_INLINE floatW face_sum(__constant const float* restrict p, __global const float* restrict c,
                              __global const float* restrict d, floatW cv, floatW dv, long v, long i, long j, long k,
                              int nx, int ny, int nz) {
    const long sy = nx;
    const long sz = (long) nx * ny;
    const intW lane = (intW) ((int) i) + LANES;
    const intW xLow = lane > 0;
    const intW xHigh = lane < nx - 1;
    // y and z neighbours: the same for all lanes (self where a non-periodic face is outside, so
    // the load is harmless and the value unused).
    int tyl = (int) p[P_BC_TYPE + F_YMIN];
    int tyh = (int) p[P_BC_TYPE + F_YMAX];
    int tzl = (int) p[P_BC_TYPE + F_ZMIN];
    int tzh = (int) p[P_BC_TYPE + F_ZMAX];
    long oyl = j > 0 ? -sy : (tyl == BC_PERIODIC ? (ny - 1) * sy : 0);
    long oyh = j < ny - 1 ? sy : (tyh == BC_PERIODIC ? -(ny - 1) * sy : 0);
    long ozl = k > 0 ? -sz : (tzl == BC_PERIODIC ? (nz - 1) * sz : 0);
    long ozh = k < nz - 1 ? sz : (tzh == BC_PERIODIC ? -(nz - 1) * sz : 0);
    int txl = (int) p[P_BC_TYPE + F_XMIN];
    int txh = (int) p[P_BC_TYPE + F_XMAX];
    // x neighbours: v-1 and v+1 always (in the guard band at the ends), the periodic partners
    // v+(nx-1) and v-(nx-1) always, then a per-lane select.
    floatW cxl = PICK(xLow, LOADW(c + v - 1), LOADW(c + v + (nx - 1)));
    floatW dxl = PICK(xLow, LOADW(d + v - 1), LOADW(d + v + (nx - 1)));
    floatW cxh = PICK(xHigh, LOADW(c + v + 1), LOADW(c + v - (nx - 1)));
    floatW dxh = PICK(xHigh, LOADW(d + v + 1), LOADW(d + v - (nx - 1)));
    floatW sum = face_term(txl == BC_PERIODIC ? TRUEW : xLow, txl, p[P_BC_VALUE + F_XMIN], dv, cv, dxl, cxl)
            + face_term(txh == BC_PERIODIC ? TRUEW : xHigh, txh, p[P_BC_VALUE + F_XMAX], dv, cv, dxh, cxh)
            + face_term_uniform(j > 0 || tyl == BC_PERIODIC, tyl, p[P_BC_VALUE + F_YMIN], dv, cv,
                                LOADW(d + v + oyl), LOADW(c + v + oyl))
            + face_term_uniform(j < ny - 1 || tyh == BC_PERIODIC, tyh, p[P_BC_VALUE + F_YMAX], dv, cv,
                                LOADW(d + v + oyh), LOADW(c + v + oyh))
            + face_term_uniform(k > 0 || tzl == BC_PERIODIC, tzl, p[P_BC_VALUE + F_ZMIN], dv, cv,
                                LOADW(d + v + ozl), LOADW(c + v + ozl))
            + face_term_uniform(k < nz - 1 || tzh == BC_PERIODIC, tzh, p[P_BC_VALUE + F_ZMAX], dv, cv,
                                LOADW(d + v + ozh), LOADW(c + v + ozh));
    return sum;
}

// The exposure increment at a step boundary between reaction sub-steps A and B (ReactionUpdate.exposureIncrement):
// weight * C, the trapezoid of the boundary states, except in lumen of a species that crosses vessel walls,
// which holds the plasma curve: there the curve's integral over the active sub-steps beside the boundary,
// h * mean each. The sub-steps tile a call's time, so a lumen's exposure is the plasma integral, and a
// step that ends at a bolus start adds nothing for it.
ALWAYS_INLINE floatW exposure_increment(__constant const float* restrict p, __global const uchar* restrict cell,
                                        long v, floatW cv, float weightS, bool active, float hA, float hB,
                                        floatW meanA, floatW meanB) {
    floatW increment = weightS * cv;
    if (p[P_CROSSES_VESSELS] == 0.0f) {
        return increment;
    }
    floatW lumen = (floatW) 0.0f;
    if (active && hA > 0.0f) {
        lumen = lumen + hA * meanA;
    }
    if (active && hB > 0.0f) {
        lumen = lumen + hB * meanB;
    }
    return PICK(CELLW(cell + v) == CELL_VESSEL, lumen, increment);
}

// Adds one increment to the drug exposure, kept per voxel as a Kahan pair (hi, lo): the exposure
// accumulates over thousands of steps in float32.
ALWAYS_INLINE void add_exposure(__global float* restrict exposureHi, __global float* restrict exposureLo, long v,
                                floatW increment) {
    floatW hi = LOADW(exposureHi + v);
    floatW y = increment - LOADW(exposureLo + v);
    floatW t = hi + y;
    STOREW((t - hi) - y, exposureLo + v);
    STOREW(t, exposureHi + v);
}

__kernel void transport_pass(__global const float* restrict src,
                             __global float* restrict dst,
                             __global const float* restrict diffusivity,
                             __global const uchar* restrict cell,
                             __global const float* restrict viability,
                             __global const float* restrict svPerUm,
                             __constant const float* restrict params,
                             __global const float* restrict plasma,
                             __global float* restrict exposureHi,
                             __global float* restrict exposureLo,
                             const int nx, const int ny, const int nz, const int pad, const int pass,
                             const int diffuse, const float dtOverDx2,
                             const float hA, const float hB, const float exposureWeightS,
                             __global const uchar* restrict keys,
                             __global const float* restrict tables,
                             __global const uchar* restrict plasmaGroup,
                             __global const float* restrict wallDistanceUm,
                             __global const float* restrict retardation) {
    const long i = get_global_id(0) * W; // first of this work-item's W voxels along x
    const long j = get_global_id(1);
    // the third dimension runs over z planes of all species: species s, plane k
    const int s = get_global_id(2) / nz;
    const long k = get_global_id(2) - (long) s * nz;
#if PADDED_RANGE
    if (i >= nx || j >= ny || s >= SPECIES) {
        return; // padding of the global size up to a multiple of the local size
    }
#endif
    const long n = (long) nx * ny * nz;
    const long sy = nx;
    const long sz = (long) nx * ny;
    const long v = i + sy * j + sz * k;
    const intW key = CELLW(keys + v);
    const floatW alive = LOADW(viability + v);
    __global const float* restrict levels = plasma + ((long) pass * SPECIES + s) * PLASMA_GROUPS * 4;

    {
        __constant const float* restrict p = params + s * PARAMS_STRIDE;
        __global const float* restrict c = src + pad + s * n;
        __global const float* restrict d = diffusivity + pad + s * n;
        floatW cv = LOADW(c + v);
        floatW dv = LOADW(d + v);
        floatW sum = face_sum(p, c, d, cv, dv, v, i, j, k, nx, ny, nz);
        const int slot = (int) p[P_RETARDATION_SLOT];
        if (slot >= 0) {
            // Reversible matrix binding, R*dC/dt = div(D grad C) + reactions (docs/barrier-physics.md section 9):
            // the diffusion change is divided by the voxel's R, and every reaction sub-step of h is the exact
            // relaxation over h/R per voxel (no key table: R differs voxel by voxel), plasma still at the
            // real sub-step's mean; the exposure stays that of the free concentration.
            floatW r = LOADW(retardation + (long) slot * n + v);
            if (diffuse != 0) {
                cv = PICK(dv != 0.0f, cv + dtOverDx2 * sum / r, cv);
                cv = PICK(fabs(cv) < CONCENTRATION_FLOOR, (floatW) 0.0f, cv);
            }
            bool active = p[P_ACTIVE] != 0.0f;
            intW code = CELLW(cell + v);
            floatW sv = wall_sv(p, svPerUm, wallDistanceUm, d, v);
            if (active && hA > 0.0f) {
                cv = react(p, code, alive, sv, cv, hA / r, PLASMA_LEVEL(levels, plasmaGroup, v, 0),
                           PLASMA_LEVEL(levels, plasmaGroup, v, 1));
            }
            if (s == DRUG) {
                add_exposure(exposureHi, exposureLo, v, exposure_increment(p, cell, v, cv, exposureWeightS, active, hA, hB,
                        PLASMA_LEVEL(levels, plasmaGroup, v, 0), PLASMA_LEVEL(levels, plasmaGroup, v, 2)));
            }
            if (active && hB > 0.0f) {
                cv = react(p, code, alive, sv, cv, hB / r, PLASMA_LEVEL(levels, plasmaGroup, v, 2),
                           PLASMA_LEVEL(levels, plasmaGroup, v, 3));
            }
            STOREW(cv, dst + pad + s * n + v);
            return;
        }
        if (diffuse != 0) {
            cv = PICK(dv != 0.0f, cv + dtOverDx2 * sum, cv);
            // ConcentrationFloor (host): magnitudes below it are written as 0 (subnormals are slow on CPUs)
            cv = PICK(fabs(cv) < CONCENTRATION_FLOOR, (floatW) 0.0f, cv);
        }

        // Reactions: the tabulated affine map, and the full integration (react) only for vectors with
        // a lane that needs it; the cell code and wall area are read only then.
        bool active = p[P_ACTIVE] != 0.0f;
        __global const float* restrict table = tables + ((long) pass * SPECIES + s) * 2 * KEYS * TABLE_STRIDE;
        if (s == DRUG) {
            if (active && hA > 0.0f) {
                intW slow;
                floatW fast = tabulated(table, key, cv, alive, &slow);
                if (ANYW(slow)) {
                    floatW full = react(p, CELLW(cell + v), alive, wall_sv(p, svPerUm, wallDistanceUm, d, v), cv, (floatW) hA, PLASMA_LEVEL(levels, plasmaGroup, v, 0),
                                        PLASMA_LEVEL(levels, plasmaGroup, v, 1));
                    fast = PICK(slow, full, fast);
                }
                cv = fast;
            }

            add_exposure(exposureHi, exposureLo, v, exposure_increment(p, cell, v, cv, exposureWeightS, active, hA, hB,
                    PLASMA_LEVEL(levels, plasmaGroup, v, 0), PLASMA_LEVEL(levels, plasmaGroup, v, 2)));
            if (active && hB > 0.0f) {
                intW slow;
                floatW fast = tabulated(table + KEYS * TABLE_STRIDE, key, cv, alive, &slow);
                if (ANYW(slow)) {
                    floatW full = react(p, CELLW(cell + v), alive, wall_sv(p, svPerUm, wallDistanceUm, d, v), cv, (floatW) hB, PLASMA_LEVEL(levels, plasmaGroup, v, 2),
                                        PLASMA_LEVEL(levels, plasmaGroup, v, 3));
                    fast = PICK(slow, full, fast);
                }
                cv = fast;
            }
        } else if (active) {
            // reactions A and B composed into one map (sub-table 0)
            intW slow;
            floatW fast = tabulated(table, key, cv, alive, &slow);
            if (ANYW(slow)) {
                intW code = CELLW(cell + v);
                floatW sv = wall_sv(p, svPerUm, wallDistanceUm, d, v);
                floatW full = cv;
                if (hA > 0.0f) {
                    full = react(p, code, alive, sv, full, (floatW) hA, PLASMA_LEVEL(levels, plasmaGroup, v, 0), PLASMA_LEVEL(levels, plasmaGroup, v, 1));
                }
                if (hB > 0.0f) {
                    full = react(p, code, alive, sv, full, (floatW) hB, PLASMA_LEVEL(levels, plasmaGroup, v, 2), PLASMA_LEVEL(levels, plasmaGroup, v, 3));
                }
                fast = PICK(slow, full, fast);
            }
            cv = fast;
        }
        STOREW(cv, dst + pad + s * n + v);
    }
}
