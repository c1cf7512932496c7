// stromasim operator-dependent multigrid kernels (OpenCL C 1.2 with cl_khr_fp64), built after
// kernels/multigrid.cl (padded_index, PERIODIC_X/Y/Z): the passes of org.stromasim.solver's
// OperatorDependentCycle that differ from the geometric cycle's, on the levels the Java solver built
// (org.stromasim.solver.OperatorDependentLevels): the 27-point Galerkin operator, Chebyshev-Jacobi on it,
// Dendy's black-box prolongation and its transpose. Arithmetic in double, as the geometric device
// cycle; the coefficients and weights are stored as the Java solver's floats (exact, and half the bytes).
//
// Layout: padded levels as in multigrid.cl; coef[s * stride + p] is the entry from cell p to its
// neighbour at offset number s = (ex+1) + 3*(ey+1) + 9*(ez+1); a periodic neighbour is read from the
// interior cell across the domain, a non-periodic ghost (value 0, never written) meets a zero entry.

// PERIODIC_X/Y/Z come from KernelConstants (as in multigrid.cl); RESTRICT_PAIRS from GalerkinKernels.
#ifndef STROMASIM_KERNEL_CONSTANTS
#error "build with KernelConstants.buildOptions() (the layout constants shared with the host)"
#endif
#ifndef RESTRICT_PAIRS
#error "build with -DRESTRICT_PAIRS (GalerkinKernels.RESTRICT_PAIRS)"
#endif

// out = A*u (mode 0), rhs - A*u (mode 1) or (rhs - A*u)/diag (mode 2; 0 where diag <= 0, the Jacobi-scaled
// residual of the smoother, StencilLevel.jacobiResidual)
__kernel void od_stencil(__global const float* restrict coef, const long stride, __global const double* restrict u,
                         __global const double* restrict rhs, __global double* restrict out, const int mode,
                         const int nx, const int ny, const int nz, const int periodic) {
    const int i = get_global_id(0);
    const int j = get_global_id(1);
    const int k = get_global_id(2);
    const long sy = nx + 2;
    const long sz = sy * (ny + 2);
    // padded coordinates of the cell and its neighbours along each axis (offset -1, 0, +1)
    long xs[3];
    long ys[3];
    long zs[3];
    xs[0] = ((periodic & PERIODIC_X) && i == 0) ? nx : i;
    xs[1] = i + 1;
    xs[2] = ((periodic & PERIODIC_X) && i == nx - 1) ? 1 : i + 2;
    ys[0] = sy * (((periodic & PERIODIC_Y) && j == 0) ? ny : j);
    ys[1] = sy * (j + 1);
    ys[2] = sy * (((periodic & PERIODIC_Y) && j == ny - 1) ? 1 : j + 2);
    zs[0] = sz * (((periodic & PERIODIC_Z) && k == 0) ? nz : k);
    zs[1] = sz * (k + 1);
    zs[2] = sz * (((periodic & PERIODIC_Z) && k == nz - 1) ? 1 : k + 2);
    const long p = xs[1] + ys[1] + zs[1];
    double au = 0.0;
    for (int ez = 0; ez < 3; ez++) {
        for (int ey = 0; ey < 3; ey++) {
            for (int ex = 0; ex < 3; ex++) {
                const int s = ex + 3 * ey + 9 * ez;
                au += (double) coef[s * stride + p] * u[xs[ex] + ys[ey] + zs[ez]];
            }
        }
    }
    if (mode == 0) {
        out[p] = au;
    } else if (mode == 1) {
        out[p] = rhs[p] - au;
    } else {
        const double diag = coef[13 * stride + p];
        out[p] = diag > 0.0 ? (rhs[p] - au) / diag : 0.0;
    }
}

// One Chebyshev-Jacobi update with the Jacobi scaling already in r: d = keep*d + push*r; u += d
__kernel void od_chebyshev(__global const double* restrict r, __global double* restrict d, __global double* restrict u,
                           const double keep, const double push, const int nx, const int ny) {
    const long p = padded_index(get_global_id(0), get_global_id(1), get_global_id(2), nx, ny);
    const double step = keep * d[p] + push * r[p];
    d[p] = step;
    u[p] += step;
}

// out = alpha*x + beta*y over the interior (the K-cycle's and the flexible CG's vector updates; out may be x or y)
__kernel void od_combine(__global const double* x, __global const double* y, __global double* out,
                         const double alpha, const double beta, const int nx, const int ny) {
    const long p = padded_index(get_global_id(0), get_global_id(1), get_global_id(2), nx, ny);
    out[p] = alpha * x[p] + beta * y[p];
}

// fineX[g] += sum over delta of w[8g + delta] * coarseX[floor(g/2) + delta] (BlackBoxInterpolation.prolongAdd;
// an NDRange over the fine cells). coord holds the Java transfer's padded coarse coordinates per axis and
// delta: x at [delta*fnx + i], y at 2*fnx + [delta*fny + j], z at 2*(fnx + fny) + [delta*fnz + k].
__kernel void od_prolong_add(__global const double* restrict coarseX, __global const float* restrict weights,
                             __global const int* restrict coord, __global double* restrict fineX,
                             const int fnx, const int fny, const int fnz, const int cnx, const int cny) {
    const int i = get_global_id(0);
    const int j = get_global_id(1);
    const int k = get_global_id(2);
    const long cpx = cnx + 2;
    const long cpy = cny + 2;
    const long c = i + (long) fnx * (j + (long) fny * k);
    double sum = 0.0;
    for (int delta = 0; delta < 8; delta++) {
        const float w = weights[8 * c + delta];
        if (w != 0.0f) {
            const long cx = coord[(delta & 1) * fnx + i];
            const long cy = coord[2 * fnx + ((delta >> 1) & 1) * fny + j];
            const long cz = coord[2 * (fnx + fny) + ((delta >> 2) & 1) * fnz + k];
            sum += (double) w * coarseX[cx + cpx * (cy + cpy * cz)];
        }
    }
    fineX[padded_index(i, j, k, fnx, fny)] += sum;
}

// coarseB[I] = (P^T fineR)[I] (BlackBoxInterpolation.restrictAdd into a cleared vector), gathered per
// coarse cell instead of scattered per fine cell (no double atomics in OpenCL 1.2): pairs lists, per
// axis and coarse coordinate I, the RESTRICT_PAIRS entries 2*g + delta (or -1) of the fine coordinates g
// and bits delta whose floor(g/2) + delta is I in the Java transfer; x at [I*RESTRICT_PAIRS + m], y from
// cnx*RESTRICT_PAIRS, z from (cnx + cny)*RESTRICT_PAIRS. An NDRange over the coarse cells.
__kernel void od_restrict(__global const double* restrict fineR, __global const float* restrict weights,
                          __global const int* restrict pairs, __global double* restrict coarseB,
                          const int fnx, const int fny, const int cnx, const int cny) {
    const int ci = get_global_id(0);
    const int cj = get_global_id(1);
    const int ck = get_global_id(2);
    __global const int* px = pairs + ci * RESTRICT_PAIRS;
    __global const int* py = pairs + (cnx + cj) * RESTRICT_PAIRS;
    __global const int* pz = pairs + (cnx + cny + ck) * RESTRICT_PAIRS;
    double sum = 0.0;
    for (int mz = 0; mz < RESTRICT_PAIRS; mz++) {
        if (pz[mz] < 0) {
            continue;
        }
        const int gk = pz[mz] >> 1;
        const int dz = pz[mz] & 1;
        for (int my = 0; my < RESTRICT_PAIRS; my++) {
            if (py[my] < 0) {
                continue;
            }
            const int gj = py[my] >> 1;
            const int dy = py[my] & 1;
            for (int mx = 0; mx < RESTRICT_PAIRS; mx++) {
                if (px[mx] < 0) {
                    continue;
                }
                const int gi = px[mx] >> 1;
                const int dx = px[mx] & 1;
                const long c = gi + (long) fnx * (gj + (long) fny * gk);
                const float w = weights[8 * c + (dx | (dy << 1) | (dz << 2))];
                if (w != 0.0f) {
                    sum += (double) w * fineR[padded_index(gi, gj, gk, fnx, fny)];
                }
            }
        }
    }
    coarseB[padded_index(ci, cj, ck, cnx, cny)] = sum;
}
