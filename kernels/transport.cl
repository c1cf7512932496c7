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
// S = P*(S/V)*plasma(midpoint) + viability*secretion[cell]. (1 - e^-x)/x uses expm1, which keeps full
// float precision for small x (the Java backend uses a series there in double).
// Vessel voxels are lumen: no reaction; a species that crosses vessel walls holds the plasma value
// at the end of the sub-step.
//
// Per-species constants live in `params`, PARAMS_STRIDE floats per species (layout: see the P_ macros,
// written by SpeciesParameterTable on the host). The plasma levels of every pass are in `plasma`,
// [pass][species][4] = {mid A, end A, mid B, end B}, uploaded once per advance call.

#pragma OPENCL FP_CONTRACT OFF

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

inline float face_flux(float dv, float cv, float dn, float cn) {
    return 2.0f * dv * dn / (dv + dn) * (cn - cv);
}

// Contribution of a domain face; `wrapped` is the voxel across it when the face is periodic.
inline float outside_flux(__constant const float* p, int f, float dv, float cv,
                          __global const float* c, __global const float* d, size_t wrapped) {
    int type = (int) p[P_BC_TYPE + f];
    if (type == BC_FIXED) {
        return 2.0f * dv * (p[P_BC_VALUE + f] - cv);
    }
    if (type == BC_PERIODIC) {
        return face_flux(dv, cv, d[wrapped], c[wrapped]);
    }
    return 0.0f;
}

inline float exact_relaxation(float c, float source, float lambda, float h) {
    float x = lambda * h;
    float e = exp(-x);
    float fraction = x > 0.0f ? -expm1(-x) / x : 1.0f;
    return c * e + source * h * fraction;
}

inline float react(__constant const float* p, int code, float alive, float sv, float cv,
                   float h, float plasmaMid, float plasmaEnd) {
    if (code == CELL_VESSEL) {
        return p[P_CROSSES_VESSELS] != 0.0f ? plasmaEnd : cv;
    }
    float exchange = p[P_PERMEABILITY] * sv;
    float lambda = p[P_DECAY] + p[P_BINDING + code] + exchange
            + alive * (p[P_VMAX + code] / (p[P_KM + code] + fmax(cv, 0.0f)) + p[P_RELAX + code]);
    float source = exchange * plasmaMid + alive * p[P_SECRETION + code];
    return exact_relaxation(cv, source, lambda, h);
}

__kernel void transport_pass(__global const float* src,
                             __global float* dst,
                             __global const float* diffusivity,
                             __global const uchar* cell,
                             __global const float* viability,
                             __global const float* svPerUm,
                             __constant const float* params,
                             __global const float* plasma,
                             __global float* exposureHi,
                             __global float* exposureLo,
                             const int nx, const int ny, const int nz,
                             const int species, const int drug, const int pass,
                             const int diffuse, const float dtOverDx2,
                             const float hA, const float hB, const float exposureWeightS) {
    const int i = get_global_id(0);
    const int j = get_global_id(1);
    const int k = get_global_id(2);
    if (i >= nx || j >= ny || k >= nz) {
        return; // padding of the global size up to a multiple of the local size
    }
    const size_t n = (size_t) nx * ny * nz;
    const int sy = nx;
    const int sz = nx * ny;
    const int v = i + nx * (j + ny * k);
    const int code = cell[v];
    const float alive = viability[v];
    const float sv = svPerUm[v];
    __global const float* levels = plasma + (size_t) pass * species * 4;

    for (int s = 0; s < species; s++) {
        __constant const float* p = params + s * PARAMS_STRIDE;
        __global const float* c = src + s * n;
        __global const float* d = diffusivity + s * n;
        float cv = c[v];
        if (diffuse) {
            float dv = d[v];
            if (dv != 0.0f) {
                float sum = (i > 0 ? face_flux(dv, cv, d[v - 1], c[v - 1])
                                   : outside_flux(p, F_XMIN, dv, cv, c, d, v + (nx - 1)))
                        + (i < nx - 1 ? face_flux(dv, cv, d[v + 1], c[v + 1])
                                      : outside_flux(p, F_XMAX, dv, cv, c, d, v - (nx - 1)))
                        + (j > 0 ? face_flux(dv, cv, d[v - sy], c[v - sy])
                                 : outside_flux(p, F_YMIN, dv, cv, c, d, v + (ny - 1) * sy))
                        + (j < ny - 1 ? face_flux(dv, cv, d[v + sy], c[v + sy])
                                      : outside_flux(p, F_YMAX, dv, cv, c, d, v - (ny - 1) * sy))
                        + (k > 0 ? face_flux(dv, cv, d[v - sz], c[v - sz])
                                 : outside_flux(p, F_ZMIN, dv, cv, c, d, v + (nz - 1) * sz))
                        + (k < nz - 1 ? face_flux(dv, cv, d[v + sz], c[v + sz])
                                      : outside_flux(p, F_ZMAX, dv, cv, c, d, v - (nz - 1) * sz));
                cv = cv + dtOverDx2 * sum;
            }
        }
        bool active = p[P_ACTIVE] != 0.0f;
        if (active && hA > 0.0f) {
            cv = react(p, code, alive, sv, cv, hA, levels[s * 4 + 0], levels[s * 4 + 1]);
        }
        if (s == drug && exposureWeightS > 0.0f) {
            // Kahan summation: exposure accumulates over thousands of steps in float32.
            float hi = exposureHi[v];
            float y = exposureWeightS * cv - exposureLo[v];
            float t = hi + y;
            exposureLo[v] = (t - hi) - y;
            exposureHi[v] = t;
        }
        if (active && hB > 0.0f) {
            cv = react(p, code, alive, sv, cv, hB, levels[s * 4 + 2], levels[s * 4 + 3]);
        }
        dst[s * n + v] = cv;
    }
}
