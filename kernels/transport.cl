// stromasim transport kernels (OpenCL C 1.2, float32 state).
//
// One launch of `transport_pass` is one pass over the grid. For every voxel it reads the cell code,
// viability and vessel wall area per volume once, then for every species:
//   1. (diffuse != 0) explicit-Euler finite-volume diffusion from src:
//        C = C_v + dt/dx^2 * sum_faces D_face*(C_nb - C_v), D_face = 2*D_v*D_nb/(D_v + D_nb);
//      zero-flux faces add nothing, FIXED faces 2*D_v*(C_b - C_v), PERIODIC faces wrap;
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
// Reactions: each term is cast as dC/dt = S - lambda*C (S, lambda >= 0) and integrated exactly:
//   C <- C*exp(-lambda*h) + S*h*(1 - exp(-lambda*h))/(lambda*h),
// lambda = decay + binding[cell] + P*(S/V) + viability*(Vmax[cell]/(Km[cell] + max(C,0)) + relax[cell]),
// S = P*(S/V)*plasma(midpoint) + viability*secretion[cell].
// Vessel voxels are lumen: no reaction; a species that crosses vessel walls holds the plasma value
// at the end of the sub-step.
//
// Written for SIMD across work-items (a CPU runtime such as PoCL runs a work-group as a loop over
// work-items and vectorises that loop; a GPU runs the same code in lanes). So the body of the
// work-item loop has no calls, no loops and no data-dependent branches:
//   - the species loop is unrolled at build time (SPECIES and DRUG are build-time macros, set by
//     OpenClBackend from the model), so no inner loop hides the work-item loop from the vectoriser;
//   - exp and (1 - e^-x)/x are polynomials written out here (exp_neg, relaxed_fraction) rather than
//     library calls, which PoCL does not vectorise; both are accurate to a few float ulps;
//   - every neighbour load is unconditional and boundary faces are chosen with selects: the
//     concentration and diffusivity buffers carry a guard band of `pad` floats before and after
//     (OpenClBackend sizes it to cover a plane plus a row), so v-1, v+1, v+/-nx*ny and the periodic
//     partners stay inside the allocation even where their values are then discarded. The y and z
//     neighbour offsets depend only on j and k, which are constant along a work-group row, so their
//     loads stay contiguous;
//   - the range check on padded global sizes is compiled in only when the host pads (PADDED_RANGE).
//
// Per-species constants live in `params`, PARAMS_STRIDE floats per species (layout: see the P_ macros,
// written by SpeciesParameterTable on the host). The plasma levels of every pass are in `plasma`,
// [pass][species][4] = {mid A, end A, mid B, end B}, uploaded once per advance call.

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

// Helpers must be inlined for the work-item loop to be vectorised (a call stops the vectoriser,
// and `react` is above clang's inlining threshold).
#define ALWAYS_INLINE inline __attribute__((always_inline))

#define CELL_VESSEL 1
#define CELL_TYPES 6

#define P_DECAY 0
#define P_PERMEABILITY 1
#define P_CROSSES_VESSELS 2
#define P_ACTIVE 3
#define P_BINDING 4
#define P_VMAX (P_BINDING + CELL_TYPES)
#define P_KM (P_VMAX + CELL_TYPES)
#define P_SECRETION (P_KM + CELL_TYPES)
#define P_RELAX (P_SECRETION + CELL_TYPES)
#define P_BC_TYPE (P_RELAX + CELL_TYPES)
#define P_BC_VALUE (P_BC_TYPE + 6)
#define PARAMS_STRIDE (P_BC_VALUE + 6)

#define BC_FIXED 1
#define BC_PERIODIC 2

// Faces in the order of org.stromasim.grid.Face.
#define F_XMIN 0
#define F_XMAX 1
#define F_YMIN 2
#define F_YMAX 3
#define F_ZMIN 4
#define F_ZMAX 5

// e^(-x) for x >= 0: x = n*ln2 + r with |r| <= ln2/2 (Cody-Waite split of ln2), e^r by its Taylor
// polynomial to r^7 (truncation < 2e-9 relative), 2^n from the exponent bits. x is clamped to 87,
// where e^-x (1.6e-38) is still a normal float; beyond it the true value is below float resolution
// of any concentration it multiplies.
ALWAYS_INLINE float exp_neg(float x) {
    float t = -(x < 87.0f ? x : 87.0f);
    float fn = (float) (int) (t * 1.44269504f - 0.5f); // round to nearest: t <= 0
    float r = (t - fn * 0.693145752f) - fn * 1.42860677e-6f;
    float p = 1.0f / 5040.0f;
    p = p * r + 1.0f / 720.0f;
    p = p * r + 1.0f / 120.0f;
    p = p * r + 1.0f / 24.0f;
    p = p * r + 1.0f / 6.0f;
    p = p * r + 0.5f;
    p = p * r + 1.0f;
    p = p * r + 1.0f;
    return p * as_float(((int) fn + 127) << 23);
}

// (1 - e^-x)/x for x >= 0, given e = e^-x: its Taylor series below 0.5 (to x^7, truncation < 3e-8),
// where 1 - e would cancel; the quotient above.
ALWAYS_INLINE float relaxed_fraction(float x, float e) {
    float s = -1.0f / 40320.0f;
    s = s * x + 1.0f / 5040.0f;
    s = s * x - 1.0f / 720.0f;
    s = s * x + 1.0f / 120.0f;
    s = s * x - 1.0f / 24.0f;
    s = s * x + 1.0f / 6.0f;
    s = s * x - 0.5f;
    s = s * x + 1.0f;
    float q = (1.0f - e) / (x > 0.5f ? x : 1.0f);
    return x > 0.5f ? q : s;
}

ALWAYS_INLINE float exact_relaxation(float c, float source, float lambda, float h) {
    float x = lambda * h;
    float e = exp_neg(x);
    return c * e + source * h * relaxed_fraction(x, e);
}

// p[base + code] for the voxel's cell code, given `is` = the voxel's one-hot code (is[t] = 1 where
// code == t, else 0): a dot product of uniform constants. Exact for finite constants (one term is
// the value, the others are +-0). Neither a gather nor a chain of selects: the compiler turns a
// select between loads into a load from a selected address, i.e. a gather, and the vectoriser's cost
// model then refuses the whole loop.
// (six scalars, not an array or a vector: either would become an aggregate or vector-typed value
// that the loop vectoriser cannot widen)
#define CELL_ONE_HOT const float is0, const float is1, const float is2, const float is3, const float is4, const float is5
#define CELL_ONE_HOT_ARGS is0, is1, is2, is3, is4, is5
ALWAYS_INLINE float per_cell(__constant const float* restrict p, int base, CELL_ONE_HOT) {
    return p[base] * is0 + p[base + 1] * is1 + p[base + 2] * is2
            + p[base + 3] * is3 + p[base + 4] * is4 + p[base + 5] * is5;
}

ALWAYS_INLINE float react(__constant const float* restrict p, int code, CELL_ONE_HOT, float alive, float sv, float cv,
                          float h, float plasmaMid, float plasmaEnd) {
    float exchange = p[P_PERMEABILITY] * sv;
    float vmax = per_cell(p, P_VMAX, CELL_ONE_HOT_ARGS);
    float km = per_cell(p, P_KM, CELL_ONE_HOT_ARGS);
    float uptake = vmax > 0.0f ? vmax / (km + (cv > 0.0f ? cv : 0.0f)) : 0.0f;
    float lambda = p[P_DECAY] + per_cell(p, P_BINDING, CELL_ONE_HOT_ARGS) + exchange
            + alive * (uptake + per_cell(p, P_RELAX, CELL_ONE_HOT_ARGS));
    float source = exchange * plasmaMid + alive * per_cell(p, P_SECRETION, CELL_ONE_HOT_ARGS);
    float reacted = exact_relaxation(cv, source, lambda, h);
    float lumen = p[P_CROSSES_VESSELS] != 0.0f ? plasmaEnd : cv;
    return code == CELL_VESSEL ? lumen : reacted;
}

// D_face * (C_nb - C_v) across one face. `inside`: the neighbour is in the domain (or the face is
// periodic and cn, dn are its partner); otherwise the face is a domain face of type `type`.
ALWAYS_INLINE float face_term(bool inside, int type, float bcValue, float dv, float cv, float dn, float cn) {
    float interior = 2.0f * dv * dn / (dv + dn) * (cn - cv);
    float fixed = type == BC_FIXED ? 2.0f * dv * (bcValue - cv) : 0.0f;
    return inside ? interior : fixed;
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
                             const float hA, const float hB, const float exposureWeightS) {
    // 64-bit indices throughout: an int index derived from the 64-bit global id goes through a
    // truncation that hides from the vectoriser that neighbouring work-items touch neighbouring
    // addresses (it then sees gathers and scatters and refuses the loop).
    const long i = get_global_id(0);
    const long j = get_global_id(1);
    const long k = get_global_id(2);
#if PADDED_RANGE
    if (i >= nx || j >= ny || k >= nz) {
        return; // padding of the global size up to a multiple of the local size
    }
#endif
    const long n = (long) nx * ny * nz;
    const long sy = nx;
    const long sz = (long) nx * ny;
    const long v = i + sy * j + sz * k;
    const int code = cell[v];
    const float alive = viability[v];
    const float sv = svPerUm[v];
    const float is0 = code == 0 ? 1.0f : 0.0f;
    const float is1 = code == 1 ? 1.0f : 0.0f;
    const float is2 = code == 2 ? 1.0f : 0.0f;
    const float is3 = code == 3 ? 1.0f : 0.0f;
    const float is4 = code == 4 ? 1.0f : 0.0f;
    const float is5 = code == 5 ? 1.0f : 0.0f;
    __global const float* restrict levels = plasma + (long) pass * SPECIES * 4;
    const bool xLow = i > 0;
    const bool xHigh = i < nx - 1;

#pragma unroll
    for (int s = 0; s < SPECIES; s++) {
        __constant const float* restrict p = params + s * PARAMS_STRIDE;
        __global const float* restrict c = src + pad + s * n;
        __global const float* restrict d = diffusivity + pad + s * n;
        float cv = c[v];
        float dv = d[v];
        // y and z neighbours: offsets uniform along the row (self where a non-periodic face is
        // outside, so the load is harmless and the value unused).
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
        // (loaded into variables first: a load inside ?: would be conditional, i.e. masked)
        float cPrev = c[v - 1], dPrev = d[v - 1], cNext = c[v + 1], dNext = d[v + 1];
        float cWrapLow = c[v + (nx - 1)], dWrapLow = d[v + (nx - 1)];
        float cWrapHigh = c[v - (nx - 1)], dWrapHigh = d[v - (nx - 1)];
        float cxl = xLow ? cPrev : cWrapLow;
        float dxl = xLow ? dPrev : dWrapLow;
        float cxh = xHigh ? cNext : cWrapHigh;
        float dxh = xHigh ? dNext : dWrapHigh;
        float sum = face_term(xLow || txl == BC_PERIODIC, txl, p[P_BC_VALUE + F_XMIN], dv, cv, dxl, cxl)
                + face_term(xHigh || txh == BC_PERIODIC, txh, p[P_BC_VALUE + F_XMAX], dv, cv, dxh, cxh)
                + face_term(j > 0 || tyl == BC_PERIODIC, tyl, p[P_BC_VALUE + F_YMIN], dv, cv, d[v + oyl], c[v + oyl])
                + face_term(j < ny - 1 || tyh == BC_PERIODIC, tyh, p[P_BC_VALUE + F_YMAX], dv, cv, d[v + oyh], c[v + oyh])
                + face_term(k > 0 || tzl == BC_PERIODIC, tzl, p[P_BC_VALUE + F_ZMIN], dv, cv, d[v + ozl], c[v + ozl])
                + face_term(k < nz - 1 || tzh == BC_PERIODIC, tzh, p[P_BC_VALUE + F_ZMAX], dv, cv, d[v + ozh], c[v + ozh]);
        float diffused = cv + dtOverDx2 * sum;
        cv = (diffuse != 0 && dv != 0.0f) ? diffused : cv;

        bool active = p[P_ACTIVE] != 0.0f;
        float afterA = react(p, code, CELL_ONE_HOT_ARGS, alive, sv, cv, hA, levels[s * 4 + 0], levels[s * 4 + 1]);
        cv = (active && hA > 0.0f) ? afterA : cv;
        if (s == DRUG) {
            // Kahan summation: exposure accumulates over thousands of steps in float32. The weight
            // is dt/2 or dt, never 0 (PassSchedule).
            float hi = exposureHi[v];
            float y = exposureWeightS * cv - exposureLo[v];
            float t = hi + y;
            exposureLo[v] = (t - hi) - y;
            exposureHi[v] = t;
        }
        float afterB = react(p, code, CELL_ONE_HOT_ARGS, alive, sv, cv, hB, levels[s * 4 + 2], levels[s * 4 + 3]);
        cv = (active && hB > 0.0f) ? afterB : cv;
        dst[pad + s * n + v] = cv;
    }
}
