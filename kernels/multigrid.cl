// stromasim multigrid kernels (OpenCL C 1.2 with cl_khr_fp64): the V-cycle of
// org.stromasim.solver.MultigridSolver, pass for pass, on one device, and the TR-BDF2 stages of the
// implicit scheme (org.stromasim.transport.TrBdf2) around it. Double precision throughout, as the Java
// solver (a 1:1000 contrast makes the operator's condition number ~1e8 at 128^3; a float residual
// would carry ~10 % error at the 1e-8 tolerance the implicit scheme solves to).
//
// Layout (org.stromasim.solver.MultigridHierarchy): every level array is padded by one ghost layer,
// (nx+2)*(ny+2)*(nz+2), x fastest; fx[p] is the conductance of the face between p and p+1 (fy, fz
// likewise), and the ghost entry on the - side holds the wrapped face of a periodic axis. Ghost VALUES
// are never written (the buffers are zero-filled once); a periodic neighbour is read from the interior
// cell across the domain instead (what the Java solver's fillGhosts copies), a non-periodic ghost is
// multiplied by a zero conductance. The operator per cell:
//   (A u)_p = (a*unitMass_p + faceSum_p)*u_p - sum_faces T_f*u_nb(f)
// Interior kernels run on a 3D NDRange of exactly (nx, ny, nz).

#pragma OPENCL EXTENSION cl_khr_fp64 : enable

// PERIODIC_X/Y/Z, the bits of a level's periodic mask (MultigridKernels.periodicBit), are defined at
// build time by KernelConstants.
#ifndef STROMASIM_KERNEL_CONSTANTS
#error "build with KernelConstants.buildOptions() (the layout constants shared with the host)"
#endif

inline long padded_index(int i, int j, int k, int nx, int ny) {
    return (long) (i + 1) + (long) (nx + 2) * ((long) (j + 1) + (long) (ny + 2) * (k + 1));
}

// sum over the six faces of T_f * u_nb(f), in the Java loop's order
inline double off_diagonal(__global const double* restrict fx, __global const double* restrict fy,
                           __global const double* restrict fz, __global const double* u, long p,
                           int i, int j, int k, int nx, int ny, int nz, int periodic) {
    const long sy = nx + 2;
    const long sz = sy * (ny + 2);
    const double west = ((periodic & PERIODIC_X) && i == 0) ? u[p + nx - 1] : u[p - 1];
    const double east = ((periodic & PERIODIC_X) && i == nx - 1) ? u[p - nx + 1] : u[p + 1];
    const double south = ((periodic & PERIODIC_Y) && j == 0) ? u[p + (ny - 1) * sy] : u[p - sy];
    const double north = ((periodic & PERIODIC_Y) && j == ny - 1) ? u[p - (ny - 1) * sy] : u[p + sy];
    const double below = ((periodic & PERIODIC_Z) && k == 0) ? u[p + (nz - 1) * sz] : u[p - sz];
    const double above = ((periodic & PERIODIC_Z) && k == nz - 1) ? u[p - (nz - 1) * sz] : u[p + sz];
    return fx[p - 1] * west + fx[p] * east + fy[p - sy] * south + fy[p] * north + fz[p - sz] * below + fz[p] * above;
}

// out = rhs - A*u (hasRhs != 0) or out = A*u (hasRhs == 0)
__kernel void mg_operator(__global const double* restrict fx, __global const double* restrict fy,
                          __global const double* restrict fz, __global const double* restrict faceSum,
                          __global const double* restrict unitMass, const double a,
                          __global const double* restrict u, __global const double* restrict rhs,
                          __global double* restrict out, const int hasRhs,
                          const int nx, const int ny, const int nz, const int periodic) {
    const int i = get_global_id(0);
    const int j = get_global_id(1);
    const int k = get_global_id(2);
    const long p = padded_index(i, j, k, nx, ny);
    const double au = (a * unitMass[p] + faceSum[p]) * u[p] - off_diagonal(fx, fy, fz, u, p, i, j, k, nx, ny, nz, periodic);
    out[p] = hasRhs ? rhs[p] - au : au;
}

// One Chebyshev-Jacobi update (Saad, Alg. 12.1, Jacobi-preconditioned): d = keep*d + push*r/diag; u += d.
// The first step of a sweep passes keep = 0 (d then holds the previous sweep's finite values).
__kernel void mg_chebyshev(__global const double* restrict faceSum, __global const double* restrict unitMass,
                           const double a, __global const double* restrict r, __global double* restrict d,
                           __global double* restrict u, const double keep, const double push,
                           const int nx, const int ny) {
    const long p = padded_index(get_global_id(0), get_global_id(1), get_global_id(2), nx, ny);
    const double diag = a * unitMass[p] + faceSum[p];
    const double inverse = diag > 0.0 ? 1.0 / diag : 0.0;
    const double step = keep * d[p] + push * inverse * r[p];
    d[p] = step;
    u[p] += step;
}

// coarseB[block] = sum over the block's coupled fine cells of fineR (a 3D NDRange over the coarse cells)
__kernel void mg_restrict(__global const double* restrict fineR, __global const double* restrict fineCoupledSum,
                          __global double* restrict coarseB, const int fnx, const int fny, const int fnz,
                          const int cnx, const int cny) {
    const int ci = get_global_id(0);
    const int cj = get_global_id(1);
    const int ck = get_global_id(2);
    double sum = 0.0;
    for (int dk = 0; dk < 2; dk++) {
        const int k = 2 * ck + dk;
        if (k >= fnz) {
            break;
        }
        for (int dj = 0; dj < 2; dj++) {
            const int j = 2 * cj + dj;
            if (j >= fny) {
                break;
            }
            for (int di = 0; di < 2; di++) {
                const int i = 2 * ci + di;
                if (i >= fnx) {
                    break;
                }
                const long pf = padded_index(i, j, k, fnx, fny);
                if (fineCoupledSum[pf] > 0.0) {
                    sum += fineR[pf];
                }
            }
        }
    }
    coarseB[padded_index(ci, cj, ck, cnx, cny)] = sum;
}

// fineX[cell] += coarseX[its block] over coupled fine cells (a 3D NDRange over the fine cells)
__kernel void mg_prolong_add(__global const double* restrict coarseX, __global const double* restrict fineCoupledSum,
                             __global double* restrict fineX, const int fnx, const int fny,
                             const int cnx, const int cny) {
    const int i = get_global_id(0);
    const int j = get_global_id(1);
    const int k = get_global_id(2);
    const long pf = padded_index(i, j, k, fnx, fny);
    if (fineCoupledSum[pf] > 0.0) {
        fineX[pf] += coarseX[padded_index(i >> 1, j >> 1, k >> 1, cnx, cny)];
    }
}

// PCG: dir = z + beta*dir (beta = 0 on the first iteration)
__kernel void cg_direction(__global const double* restrict z, __global double* restrict dir, const double beta,
                           const int nx, const int ny) {
    const long p = padded_index(get_global_id(0), get_global_id(1), get_global_id(2), nx, ny);
    dir[p] = z[p] + beta * dir[p];
}

// PCG: u += alpha*dir, res -= alpha*q
__kernel void cg_update(__global double* restrict u, __global double* restrict res,
                        __global const double* restrict dir, __global const double* restrict q, const double alpha,
                        const int nx, const int ny) {
    const long p = padded_index(get_global_id(0), get_global_id(1), get_global_id(2), nx, ny);
    u[p] += alpha * dir[p];
    res[p] -= alpha * q[p];
}

// Partial reductions over the interior, one per work-group of DOT_LOCAL items (a 1D NDRange of a fixed
// number of groups, so the summation order and result do not change between calls):
//   mode 0: sum of x*y                                  (dot products and norms)
//   mode 1: max of y/(a*x + faceSum) where the denominator is > 0, with y = coupledSum, x = unitMass
//           (the Gershgorin bound of diag^-1*A, minus 1, for the Chebyshev interval)
__kernel void mg_reduce(__global const double* restrict x, __global const double* restrict y,
                        __global const double* restrict faceSum, const double a, const int mode,
                        __global double* restrict partial, const int nx, const int ny, const int nz) {
    __local double scratch[DOT_LOCAL];
    const int lid = get_local_id(0);
    const long cells = (long) nx * ny * nz;
    double acc = 0.0;
    for (long c = get_global_id(0); c < cells; c += get_global_size(0)) {
        const int i = (int) (c % nx);
        const int j = (int) ((c / nx) % ny);
        const int k = (int) (c / ((long) nx * ny));
        const long p = padded_index(i, j, k, nx, ny);
        if (mode == 0) {
            acc += x[p] * y[p];
        } else {
            const double diag = a * x[p] + faceSum[p];
            if (diag > 0.0) {
                acc = fmax(acc, y[p] / diag);
            }
        }
    }
    scratch[lid] = acc;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int width = DOT_LOCAL / 2; width > 0; width >>= 1) {
        if (lid < width) {
            scratch[lid] = mode == 0 ? scratch[lid] + scratch[lid + width] : fmax(scratch[lid], scratch[lid + width]);
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (lid == 0) {
        partial[get_group_id(0)] = scratch[0];
    }
}

// ---- TR-BDF2 stages (org.stromasim.transport.TrBdf2; org.stromasim.backend.java.ImplicitDiffusion) ----
// The float state of species s starts at `offset` floats into its concentration buffer, unpadded.

// start = star = the float state, in double
__kernel void trbdf2_load(__global const float* restrict state, const long offset, __global double* restrict start,
                          __global double* restrict star, const int nx, const int ny) {
    const int i = get_global_id(0);
    const int j = get_global_id(1);
    const int k = get_global_id(2);
    const long p = padded_index(i, j, k, nx, ny);
    const double c = state[offset + i + (long) nx * (j + (long) ny * k)];
    start[p] = c;
    star[p] = c;
}

// Reversible matrix binding, R*dC/dt = div(K grad C): R multiplies the time-derivative terms, so a stage's
// absorption a becomes R*a per voxel, in its right-hand side and in the solver's masses (trbdf2_mass). `slot`
// is the species' block of the retardation buffer (SpeciesParameterTable.RETARDATION_SLOT), -1: R = 1 (and
// a*1.0 is a, bit for bit).
inline double trbdf2_absorption(double a, __global const float* restrict retardation, int slot, int i, int j, int k,
                                int nx, int ny, int nz) {
    return slot >= 0 ? a * (double) retardation[(long) slot * nx * ny * nz + i + (long) nx * (j + (long) ny * k)] : a;
}

// Stage 1's right-hand side in the solver's scaled form: (a1*u + div(K grad u))*h^2 + boundarySource,
// div(K grad u) = (sum T_f u_nb - faceSum*u + boundarySource)/h^2 the operator's explicit part.
__kernel void trbdf2_stage1_rhs(__global const double* restrict fx, __global const double* restrict fy,
                                __global const double* restrict fz, __global const double* restrict faceSum,
                                __global const double* restrict boundarySource, __global const double* restrict start,
                                __global double* restrict rhs, const double a1, const double inverseH2,
                                const double h2, const int nx, const int ny, const int nz, const int periodic,
                                __global const float* restrict retardation, const int slot) {
    const int i = get_global_id(0);
    const int j = get_global_id(1);
    const int k = get_global_id(2);
    const long p = padded_index(i, j, k, nx, ny);
    const double u = start[p];
    const double divergence = (off_diagonal(fx, fy, fz, start, p, i, j, k, nx, ny, nz, periodic) - faceSum[p] * u
            + boundarySource[p]) * inverseH2;
    rhs[p] = (trbdf2_absorption(a1, retardation, slot, i, j, k, nx, ny, nz) * u + divergence) * h2 + boundarySource[p];
}

// Stage 2's right-hand side: a2*(wStar*star - wStart*start)*h^2 + boundarySource
__kernel void trbdf2_stage2_rhs(__global const double* restrict boundarySource, __global const double* restrict start,
                                __global const double* restrict star, __global double* restrict rhs, const double a2,
                                const double wStar, const double wStart, const double h2, const int nx, const int ny,
                                __global const float* restrict retardation, const int slot) {
    const int i = get_global_id(0);
    const int j = get_global_id(1);
    const int k = get_global_id(2);
    const long p = padded_index(i, j, k, nx, ny);
    const double a = trbdf2_absorption(a2, retardation, slot, i, j, k, nx, ny, get_global_size(2));
    rhs[p] = a * (wStar * star[p] - wStart * start[p]) * h2 + boundarySource[p];
}

// The fine level's masses R*a*h^2 of a bound species (DeviceMultigrid.setAbsorptionField restricts them).
__kernel void trbdf2_mass(__global const float* restrict retardation, const int slot, const double a, const double h2,
                          __global double* restrict mass, const int nx, const int ny) {
    const int i = get_global_id(0);
    const int j = get_global_id(1);
    const int k = get_global_id(2);
    mass[padded_index(i, j, k, nx, ny)] = trbdf2_absorption(a, retardation, slot, i, j, k, nx, ny, get_global_size(2)) * h2;
}

// the float state of species s = the solution, rounded
__kernel void trbdf2_store(__global const double* restrict u, __global float* restrict state, const long offset,
                           const int nx, const int ny) {
    const int i = get_global_id(0);
    const int j = get_global_id(1);
    const int k = get_global_id(2);
    state[offset + i + (long) nx * (j + (long) ny * k)] = (float) u[padded_index(i, j, k, nx, ny)];
}

// ---- The unsplit coupling (org.stromasim.transport.UnsplitStep; org.stromasim.backend.java.UnsplitImplicitStep) ----
// Per species and step one solve of a*C+ - L*C+ = a*e^(-lambda*h)*Cn + S with a per voxel: the
// operator's mass is the per-level `mass` buffer (a*h^2 on the fine level, restricted as the solver
// restricts masses) with the scalar a set to 1. The reaction terms are those of the transport
// kernel's react (kernels/transport.cl), from the same per-species constants (P_ macros,
// SpeciesParameterTable), here in double as the Java backend's unsplit step computes them.

// lambda (1/s) of a tissue voxel at level c: decay, binding, vessel exchange P*(S/V), Michaelis-Menten
// at c, saturating secretion; 0 for a species on which no term acts. OpenCL C cannot call the Java
// definition (SpeciesReactions.lossRatePerS), so this repeats it term for term in the same order;
// KernelPhysicsParityTest evaluates both on random inputs and holds them to a few double ulps, and so
// the helpers below to their Java definitions.
inline double unsplit_loss_rate(__constant const float* restrict p, int code, double alive, double sv, double c) {
    if (p[P_ACTIVE] == 0.0f) {
        return 0.0;
    }
    const double vmax = p[P_VMAX + code];
    const double uptake = vmax > 0.0 ? vmax / ((double) p[P_KM + code] + fmax(c, 0.0)) : 0.0;
    return (double) p[P_DECAY] + (double) p[P_BINDING + code] + (double) p[P_PERMEABILITY] * sv
            + alive * (uptake + (double) p[P_RELAX + code]);
}

// S (unit/s) of a tissue voxel: exchange P*(S/V)*C_plasma plus secretion; 0 for a species on which no
// term acts (SpeciesReactions.sourcePerS).
inline double unsplit_source(__constant const float* restrict p, int code, double alive, double sv, double plasma) {
    return p[P_ACTIVE] != 0.0f ? (double) p[P_PERMEABILITY] * sv * plasma + alive * (double) p[P_SECRETION + code] : 0.0;
}

// The solve's absorption a = lambda/(1 - e^(-x)) and the start level's weight a*e^(-x) = lambda/(e^x - 1),
// x = lambda*h, both -> 1/h as x -> 0 (UnsplitStep.absorption, UnsplitStep.startWeight).
inline double unsplit_absorption(double lambda, double stepS) {
    const double x = lambda * stepS;
    return x > 0.0 ? x / (-expm1(-x)) / stepS : 1.0 / stepS;
}

inline double unsplit_start_weight(double lambda, double stepS) {
    const double x = lambda * stepS;
    return x > 0.0 ? x / expm1(x) / stepS : 1.0 / stepS;
}

// omega(x) = 1/(1 - e^(-x)) - 1/x, the end value's share of a step's exposure, from its series below
// seriesBelow (ExposureWeights.endShare, SERIES_BELOW).
inline double exposure_end_share(double x, double seriesBelow) {
    return x < seriesBelow ? 0.5 + x / 12.0 - x * x * x / 720.0 : -1.0 / expm1(-x) - 1.0 / x;
}

// The wall area per volume that the exchange sees, in series with the tissue between the wall and the
// voxel centre (as wall_sv in kernels/transport.cl; org.stromasim.transport.WallExchange).
inline double unsplit_wall_sv(__constant const float* restrict p, double sv, double delta, double d) {
    const double denominator = d + (double) p[P_PERMEABILITY] * delta;
    return delta > 0.0 && denominator > 0.0 ? sv * d / denominator : sv;
}

// R of voxel v for the species whose constants are p: its block of the retardation buffer (reversible matrix
// binding, SpeciesParameterTable.RETARDATION_SLOT), 1 for a species that does not bind. Launched over the
// whole grid, so the voxel count is nx*ny times the third global size.
inline double unsplit_retardation(__constant const float* restrict p, __global const float* restrict retardation, long v,
                                  int nx, int ny) {
    const int slot = (int) p[P_RETARDATION_SLOT];
    return slot >= 0 ? (double) retardation[(long) slot * nx * ny * get_global_size(2) + v] : 1.0;
}

// The fine level's mass a*h^2, the scaled right-hand side f*h^2 + boundarySource (hasBoundary == 0:
// none) and the start value f/a (the exact relaxation without L; the answer where nothing diffuses) of
// species s (its float state from `offset`). Vessel lumen: a = 1/h_t and f = the level it holds
// (plasma at the step end for a species that crosses walls, else its own), a hole of the solver.
__kernel void unsplit_assemble(__global const float* restrict state, const long offset,
                               __constant const float* restrict params, const int s,
                               __global const uchar* restrict cell, __global const float* restrict viability,
                               __global const float* restrict svPerUm, __global const double* restrict boundarySource,
                               const int hasBoundary, const double plasmaMean, const double plasmaEnd,
                               const double stepS, const double h2, __global double* restrict mass,
                               __global double* restrict rhs, __global double* restrict u, const int nx, const int ny,
                               __global const float* restrict wallDistanceUm, __global const float* restrict diffusivity,
                               __global const float* restrict retardation) {
    const int i = get_global_id(0);
    const int j = get_global_id(1);
    const int k = get_global_id(2);
    const long v = i + (long) nx * (j + (long) ny * k);
    const long pp = padded_index(i, j, k, nx, ny);
    __constant const float* restrict p = params + s * PARAMS_STRIDE;
    const double c = state[offset + v];
    const int code = cell[v];
    double a;
    double f;
    if (code == CELL_VESSEL) {
        a = 1.0 / stepS;
        f = (p[P_CROSSES_VESSELS] != 0.0f ? plasmaEnd : c) / stepS;
    } else {
        const double alive = viability[v];
        const double sv = unsplit_wall_sv(p, svPerUm[v], wallDistanceUm[v], diffusivity[offset + v]);
        // R*dC/dt = L*C - lambda*C + S is dC/dt = L*C/R - (lambda/R)*C + S/R: the step of lambda/R, multiplied
        // through by R (R = 1 for a species that does not bind to the matrix)
        const double r = unsplit_retardation(p, retardation, v, nx, ny);
        const double lambda = unsplit_loss_rate(p, code, alive, sv, c) / r;
        const double source = unsplit_source(p, code, alive, sv, plasmaMean);
        a = r * unsplit_absorption(lambda, stepS);
        f = r * unsplit_start_weight(lambda, stepS) * c + source;
    }
    mass[pp] = a * h2;
    rhs[pp] = f * h2 + (hasBoundary ? boundarySource[pp] : 0.0);
    u[pp] = f / a;
}

// The step's end: the float state of species s = the solution, rounded; for the drug (drug != 0) the
// exposure (h - w1)*Cn + w1*Cn+1 with w1 = h*omega(lambda*h) at the step-start lambda (h/2 in lumen that
// keeps its level; lumen holding the plasma curve takes h*plasmaMean, the curve's exact integral)
// added to the Kahan pair; omega from its series below seriesBelow (ExposureWeights.SERIES_BELOW).
__kernel void unsplit_finish(__global const float* restrict in, __global float* restrict out, const long offset,
                             __constant const float* restrict params, const int s,
                             __global const uchar* restrict cell, __global const float* restrict viability,
                             __global const float* restrict svPerUm, __global const double* restrict u,
                             const double stepS, const int drug, const double seriesBelow,
                             __global float* restrict exposureHi,
                             __global float* restrict exposureLo, const int nx, const int ny,
                             __global const float* restrict wallDistanceUm, __global const float* restrict diffusivity,
                             __global const float* restrict retardation, const double plasmaMean) {
    const int i = get_global_id(0);
    const int j = get_global_id(1);
    const int k = get_global_id(2);
    const long v = i + (long) nx * (j + (long) ny * k);
    const float end = (float) u[padded_index(i, j, k, nx, ny)];
    if (drug) {
        __constant const float* restrict p = params + s * PARAMS_STRIDE;
        const double c0 = in[offset + v];
        const int code = cell[v];
        double w1 = 0.5 * stepS;
        if (code != CELL_VESSEL) {
            const double sv = unsplit_wall_sv(p, svPerUm[v], wallDistanceUm[v], diffusivity[offset + v]);
            const double x = unsplit_loss_rate(p, code, viability[v], sv, c0) / unsplit_retardation(p, retardation, v, nx, ny)
                    * stepS;
            w1 = stepS * exposure_end_share(x, seriesBelow);
        }
        const float increment = (float) (code == CELL_VESSEL && p[P_CROSSES_VESSELS] != 0.0f ? stepS * plasmaMean
                                         : (stepS - w1) * c0 + w1 * end);
        const float hi = exposureHi[v];
        const float y = increment - exposureLo[v];
        const float t = hi + y;
        exposureLo[v] = (t - hi) - y;
        exposureHi[v] = t;
    }
    out[offset + v] = end;
}
