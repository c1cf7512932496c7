// stromasim RKL2 large-step kernels (OpenCL C 1.2, float32 state). Built after kernels/transport.cl in one
// program (Rkl2Passes concatenates the two files), so the macros and helpers there (floatW, LOADW,
// face_sum, tabulated, react, PICK, ...) are the ones used here: the diffusion operator and
// the reaction sub-steps are those of the explicit pass, bit for bit.
//
// One coupling step of the large-step scheme is, per species s with S_s >= 2 stages (multirate: each
// species its own count), the RKL2 recurrence (org.stromasim.transport.Rkl2, Meyer, Balsara & Aslam 2014)
//   Y1 = Y0 + mu~1 * tauL0,           tauL0 = tau*L(Y0)
//   Yj = (tau/dx^2*mu~j)*Sum(Y(j-1))
//        + (Y0 + mu_j*(Y(j-1) - Y0) + nu_j*(Y(j-2) - Y0) + gamma~j*tauL0),  j = 2..S_s
// (rkl2_stage, one launch per species and stage: stage j reads stage j-1 of the neighbours, so launches
// are the synchronisation; the in-order queue orders them), then one reaction-only pass over all
// species (rkl2_react). The operation
// order and float rounding of each stage are those of org.stromasim.backend.java.Rkl2Diffusion.

// The shared layout constants (KEYS, TABLE_STRIDE, P_*, ...) come from KernelConstants, as for transport.cl.
#ifndef STROMASIM_KERNEL_CONSTANTS
#error "build with KernelConstants.buildOptions() (the layout constants shared with the host)"
#endif

#if W == 1
#define GATHER1(t, key) ((t)[(key)])
#else
#define GATHER1(t, key) ((float8) ((t)[(key).s0], (t)[(key).s1], (t)[(key).s2], (t)[(key).s3], \
        (t)[(key).s4], (t)[(key).s5], (t)[(key).s6], (t)[(key).s7]))
#endif

// Stage `stage` of species s. y0, yjm1 and out are whole concentration-layout buffers (guard band `pad`
// before the species blocks); tauL0 has the same layout. yjm2 may be the same buffer as out (each
// work-item reads its own voxels of it before writing them), so neither is restrict. Stage 1 writes
// tauL0 and Y1 (coef = tau/dx^2, mu = mu~1); stage j >= 2 reads them.
__kernel void rkl2_stage(__global const float* restrict y0,
                         __global float* restrict tauL0,
                         __global const float* restrict yjm1,
                         __global const float* yjm2,
                         __global float* out,
                         __global const float* restrict diffusivity,
                         __constant const float* restrict params,
                         const int nx, const int ny, const int nz, const int pad, const int s, const int stage,
                         const float coef, const float mu, const float nu, const float gammaTilde,
                         __global const float* restrict retardation) {
    const long i = get_global_id(0) * W;
    const long j = get_global_id(1);
    const long k = get_global_id(2);
#if PADDED_RANGE
    if (i >= nx || j >= ny || k >= nz) {
        return;
    }
#endif
    const long n = (long) nx * ny * nz;
    const long v = i + (long) nx * j + (long) nx * ny * k;
    const long block = pad + s * n;
    __constant const float* restrict p = params + s * PARAMS_STRIDE;
    __global const float* restrict d = diffusivity + block;
    __global const float* restrict c = (stage == 1 ? y0 : yjm1) + block;
    floatW cv = LOADW(c + v);
    floatW dv = LOADW(d + v);
    // a zero-D voxel has zero conductance on all faces (the Java backend's stored conductances): no increment
    floatW increment = PICK(dv != 0.0f, coef * face_sum(p, c, d, cv, dv, v, i, j, k, nx, ny, nz), (floatW) 0.0f);
    const int slot = (int) p[P_RETARDATION_SLOT];
    if (slot >= 0) {
        increment /= LOADW(retardation + (long) slot * n + v); // R*dY/dt = L(Y): the increment is L(Y)/R
    }
    floatW base = LOADW(y0 + block + v);
    if (stage == 1) {
        STOREW(increment, tauL0 + block + v);
        STOREW(base + mu * increment, out + block + v);
        return;
    }
    floatW previous = LOADW(yjm1 + block + v);
    floatW older = LOADW(yjm2 + block + v);
    floatW l0 = LOADW(tauL0 + block + v);
    // mu*Y(j-1) + nu*Y(j-2) + (1 - mu - nu)*Y0 in difference form (state weights sum to 1 exactly)
    STOREW(increment + (base + mu * (previous - base) + nu * (older - base) + gammaTilde * l0), out + block + v);
}

// One reaction sub-step: the tabulated map, or the per-voxel integration where needed.
ALWAYS_INLINE floatW plain_step(__constant const float* restrict p, __global const float* restrict table, intW key,
                                floatW cv, floatW alive, float h, floatW plasmaMean, floatW plasmaEnd,
                                __global const uchar* restrict cell, __global const float* restrict svPerUm,
                                __global const float* restrict wallDistanceUm, __global const float* restrict d, long v) {
    intW slow;
    floatW fast = tabulated(table, key, cv, alive, &slow);
    if (ANYW(slow)) {
        floatW full = react(p, CELLW(cell + v), alive, wall_sv(p, svPerUm, wallDistanceUm, d, v), cv, (floatW) h, plasmaMean, plasmaEnd);
        fast = PICK(slow, full, fast);
    }
    return fast;
}

// The exact drug exposure of one sub-step from c0 to c1: (h - w1)*c0 + w1*c1, w1 = h*omega(lambda*h),
// omega(x) = 1/(1 - e^-x) - 1/x (org.stromasim.transport.ExposureWeights), per key from `ends`, or where
// that is NaN (lambda depends on C or viability) from the voxel's own lambda as react finds it.
// A species bound to the matrix (retarded) takes the voxel's own lambda/R in every tissue voxel, x = lambda*h/R
// (r = 1 otherwise, which leaves x = lambda*h exactly); lumen voxels keep the table's weight, except
// lumen holding the plasma curve (a species that crosses vessel walls): h*plasmaMean, the curve's exact
// integral over the sub-step (PlasmaCurve.mean, from the host).
ALWAYS_INLINE floatW sub_step_exposure(__constant const float* restrict p, __global const float* restrict ends,
                                       intW key, floatW c0, floatW c1, floatW alive, float h, bool retarded, floatW r,
                                       __global const uchar* restrict cell, __global const float* restrict svPerUm,
                                       __global const float* restrict wallDistanceUm, __global const float* restrict d,
                                       long v, floatW plasmaMean) {
    floatW w1 = ALLSAME(key) ? (floatW) ends[FIRST(key)] : GATHER1(ends, key);
    intW own = isnan(w1);
    if (retarded) {
        own = own | (CELLW(cell + v) != CELL_VESSEL);
    }
    if (ANYW(own)) {
        intW code = CELLW(cell + v);
        floatW exchange = p[P_PERMEABILITY] * wall_sv(p, svPerUm, wallDistanceUm, d, v);
        floatW vmax = per_cell(p, P_VMAX, code);
        floatW km = per_cell(p, P_KM, code);
        floatW uptake = PICK(vmax > 0.0f, vmax / (km + fmax(c0, (floatW) 0.0f)), (floatW) 0.0f);
        floatW lambda = p[P_DECAY] + per_cell(p, P_BINDING, code) + exchange
                + alive * (uptake + per_cell(p, P_RELAX, code));
        floatW x = lambda * h / r;
        floatW series = 0.5f + x / 12.0f;
        floatW closed = -1.0f / expm1(-x) - 1.0f / x;
        w1 = PICK(own, h * PICK(x < 1e-3f, series, closed), w1);
    }
    if (p[P_CROSSES_VESSELS] != 0.0f) {
        return PICK(CELLW(cell + v) == CELL_VESSEL, h * plasmaMean, (h - w1) * c0 + w1 * c1);
    }
    return (h - w1) * c0 + w1 * c1;
}

// The reaction pass of the large-step scheme, in place on `state` (concentration layout): per species,
// reaction A (the closing sub-step of the step just diffused, hA = 0: none), the drug exposure
// (Kahan pair, exact along each sub-step), reaction B (the opening sub-step of the next step, hB = 0: none).
// Tables are those of ReactionTables.fillSeparate: [pass][species][A, B][key][TABLE_STRIDE], never
// composed, and `ends` [pass][species][end weight A, end weight B][key] (see sub_step_exposure).
__kernel void rkl2_react(__global float* restrict state,
                         __global const uchar* restrict cell,
                         __global const float* restrict viability,
                         __global const float* restrict svPerUm,
                         __constant const float* restrict params,
                         __global const float* restrict plasma,
                         __global float* restrict exposureHi,
                         __global float* restrict exposureLo,
                         __global const uchar* restrict keys,
                         __global const float* restrict tables,
                         __global const float* restrict ends,
                         const int nx, const int ny, const int nz, const int pad, const int pass,
                         const float hA, const float hB, __global const uchar* restrict plasmaGroup,
                         __global const float* restrict wallDistanceUm,
                         __global const float* restrict diffusivity,
                         __global const float* restrict retardation) {
    const long i = get_global_id(0) * W;
    const long j = get_global_id(1);
    const int s = get_global_id(2) / nz;
    const long k = get_global_id(2) - (long) s * nz;
#if PADDED_RANGE
    if (i >= nx || j >= ny || s >= SPECIES) {
        return;
    }
#endif
    const long n = (long) nx * ny * nz;
    const long v = i + (long) nx * j + (long) nx * ny * k;
    const long at = pad + s * n + v;
    __global const float* restrict d = diffusivity + pad + s * n;
    __constant const float* restrict p = params + s * PARAMS_STRIDE;
    const bool active = p[P_ACTIVE] != 0.0f;
    if (!active && s != DRUG) {
        return; // no term acts on this species and no exposure is taken: the diffused state is the split state
    }
    const intW key = CELLW(keys + v);
    const floatW alive = LOADW(viability + v);
    __global const float* restrict levels = plasma + ((long) pass * SPECIES + s) * PLASMA_GROUPS * 4;
    __global const float* restrict tableA = tables + ((long) pass * SPECIES + s) * 2 * KEYS * TABLE_STRIDE;
    __global const float* restrict tableB = tableA + KEYS * TABLE_STRIDE;
    __global const float* restrict endA = ends + ((long) pass * SPECIES + s) * 2 * KEYS;
    __global const float* restrict endB = endA + KEYS;
    floatW w = LOADW(state + at);
    floatW a = w;
    floatW b;
    floatW auc;
    if (!active) {
        b = w; // no term acts: the level is constant over both sub-steps
        auc = (hA + hB) * w;
    } else {
        auc = (floatW) 0.0f;
        const int slot = (int) p[P_RETARDATION_SLOT];
        if (slot >= 0) {
            // bound to the matrix: each sub-step of h is the exact relaxation over h/R per voxel
            // (transport_pass), its exposure weight from lambda/R
            floatW r = LOADW(retardation + (long) slot * n + v);
            intW code = CELLW(cell + v);
            floatW sv = wall_sv(p, svPerUm, wallDistanceUm, d, v);
            if (hA > 0.0f) {
                a = react(p, code, alive, sv, w, hA / r, PLASMA_LEVEL(levels, plasmaGroup, v, 0), PLASMA_LEVEL(levels, plasmaGroup, v, 1));
                auc += sub_step_exposure(p, endA, key, w, a, alive, hA, true, r, cell, svPerUm, wallDistanceUm, d, v, PLASMA_LEVEL(levels, plasmaGroup, v, 0));
            }
            b = a;
            if (hB > 0.0f) {
                b = react(p, code, alive, sv, a, hB / r, PLASMA_LEVEL(levels, plasmaGroup, v, 2), PLASMA_LEVEL(levels, plasmaGroup, v, 3));
                auc += sub_step_exposure(p, endB, key, a, b, alive, hB, true, r, cell, svPerUm, wallDistanceUm, d, v, PLASMA_LEVEL(levels, plasmaGroup, v, 2));
            }
        } else {
            if (hA > 0.0f) {
                a = plain_step(p, tableA, key, w, alive, hA, PLASMA_LEVEL(levels, plasmaGroup, v, 0), PLASMA_LEVEL(levels, plasmaGroup, v, 1), cell, svPerUm, wallDistanceUm, d, v);
                auc += sub_step_exposure(p, endA, key, w, a, alive, hA, false, (floatW) 1.0f, cell, svPerUm, wallDistanceUm, d, v, PLASMA_LEVEL(levels, plasmaGroup, v, 0));
            }
            b = a;
            if (hB > 0.0f) {
                b = plain_step(p, tableB, key, a, alive, hB, PLASMA_LEVEL(levels, plasmaGroup, v, 2), PLASMA_LEVEL(levels, plasmaGroup, v, 3), cell, svPerUm, wallDistanceUm, d, v);
                auc += sub_step_exposure(p, endB, key, a, b, alive, hB, false, (floatW) 1.0f, cell, svPerUm, wallDistanceUm, d, v, PLASMA_LEVEL(levels, plasmaGroup, v, 2));
            }
        }
    }
    if (s == DRUG) {
        add_exposure(exposureHi, exposureLo, v, auc);
    }
    STOREW(b, state + at);
}
