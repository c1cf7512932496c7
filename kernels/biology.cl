// stromasim biology slow-step kernels (OpenCL C 1.2, float32 state, 64-bit integers for the random draws).
//
// The device version of org.stromasim.biology.SlowProcesses.step, in its order, on the buffers the
// transport kernel reads (run by DeviceBiology between two transport advances):
//   1. activate_fibroblasts: a FIBROBLAST voxel becomes a CAF when its counter-based uniform draw
//      u(seed, voxel, step) is below p = 1 - exp(-r*H(T)*dt) (FibroblastActivation, CounterRandom);
//   2. remodel_and_respond, one work-item per voxel, after every activation is written (the stiffening
//      counts CAF face neighbours, new CAFs included):
//        - the drug exposure's Kahan pair is folded into one float (what the Java backend's
//          download/upload around its slow step does), and the drug response reads that float;
//        - matrix remodelling toward the ceiling/floor, exact over dt (MatrixRemodelling);
//        - drug kill of CANCER voxels, viability *= exp(-k*dt), DEAD below the death threshold
//          (DrugResponse, with the IL-6 and lactate EC50 shifts);
//        - with a hyaluronan state (hasGag): deposition, turnover and hyaluronidase, exact over dt for the cell code
//          after the kill: phi <- target[code] + (phi - target[code]) * decay, the steady states and
//          decay = exp(-lambda*dt) computed by the Java side (HyaluronanTurnover) for the step;
//        - the voxel key (cell code * 2 + wall) for the new code, so a new CAF secretes and a
//          DEAD voxel stops uptake and secretion at the next transport pass;
//        - every species' diffusivity from the new stiffness, cell code and hyaluronan by the scenario's law, 0 in vessels
//          (TransportModel.refreshDiffusivity), so nothing is uploaded from the host.
// In step 2 a neighbour's code can change concurrently only from CANCER to DEAD, never to or from CAF,
// so the CAF-neighbour count is the same whichever value a work-item reads.
//
// Precision: the Java slow step computes in double and rounds the stored fields to float; here it is
// float throughout (rates, exponentials, powers of the laws), so stiffness, viability and diffusivity
// agree to a few float ulps. The activation draw is the same 64-bit integer as CounterRandom's; the
// comparison u < p is done on that integer against ceil(p*2^53), which is exact for the float p, so a
// voxel can activate differently only where the float and double p straddle its draw (probability about
// 1e-7*p per voxel and step, see DeviceBiology).
//
// Build-time macros: SPECIES (species count) and DRUG (the drug species, -1 for none), as for transport.cl.

#pragma OPENCL FP_CONTRACT OFF

#ifndef SPECIES
#error "SPECIES (the species count) must be defined at build time"
#endif
#ifndef DRUG
#error "DRUG (the drug species index, -1 for none) must be defined at build time"
#endif

// Defined at build time by KernelConstants from their Java definitions: cell codes CELL_* and CELL_TYPES
// (CellType), WALL_CLASSES (VoxelKeys), the diffusivity-law kinds LAW_* and the offsets in the law table
// (OGSTON_*, EXPONENTIAL_* in DeviceBiology, FM_* in FibreMatrixTable), the species-law table
// (SPECIES_LAW_*, DeviceBiology) and the ligand table (LIGAND_*, EndocrineResponse).
#ifndef STROMASIM_KERNEL_CONSTANTS
#error "build with KernelConstants.buildOptions() (the layout constants shared with the host)"
#endif

#define GOLDEN_GAMMA 0x9E3779B97F4A7C15UL

// The SplitMix64 finaliser, bit for bit CounterRandom.mix (unsigned shifts as Java's >>>).
inline ulong splitmix_finalise(ulong z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
    return z ^ (z >> 31);
}

// The 53 random bits of CounterRandom.uniform(seed, voxel, step) (uniform = bits * 2^-53).
inline ulong counter_bits(ulong seed, ulong voxel, ulong step) {
    ulong z = splitmix_finalise(splitmix_finalise(splitmix_finalise(seed + GOLDEN_GAMMA) + voxel * GOLDEN_GAMMA) + step);
    return z >> 11;
}

__kernel void activate_fibroblasts(__global uchar* restrict cell,
                                   __global const float* restrict concentration,
                                   const long tgfbOffset,
                                   const float signal,
                                   const float threshold,
                                   const float hillN,
                                   const float ec50PowN,
                                   const float maxRatePerS,
                                   const float dtS,
                                   const ulong seed,
                                   const ulong stepIndex,
                                   const long voxels) {
    const long v = get_global_id(0);
    if (v >= voxels || cell[v] != CELL_FIBROBLAST) {
        return;
    }
    float t = concentration[tgfbOffset + v] * signal;
    if (!(t > threshold)) {
        return;
    }
    float tn = pow(t, hillN);
    float rate = maxRatePerS * tn / (ec50PowN + tn);
    float p = -expm1(-rate * dtS);
    // u < p with u = bits*2^-53 exactly: bits < ceil(p*2^53) (p*2^53 is exact in float, and below 2^53)
    if (rate > 0.0f && counter_bits(seed, (ulong) v, stepIndex) < convert_ulong(ceil(p * 0x1.0p53f))) {
        cell[v] = CELL_CAF;
    }
}

// 1 where voxel w is a CAF.
inline int is_caf(__global const uchar* cell, long w) {
    return cell[w] == CELL_CAF ? 1 : 0;
}

// The fibre_matrix law (org.stromasim.matrix.CompositionLaw, FibrePermeability, FibreMatrixHindrance):
// law = {r_col, r_gag, E_ref, phi_ref, n, phi_max, gag fraction by cell code, cell fraction by cell code} at the FM_ offsets.
// Composition from stiffness and cell code; Jackson-James permeability per fibre kind with the resistances
// added; Brinkman hydrodynamic x Johnson steric (f summed over fibre kinds) x Maxwell cell tortuosity.
inline float jackson_james_resistance(float phi, float r) {
    return phi > 0.0f ? (20.0f * phi) / (r * r * 3.0f * (-log(phi) - 0.931f)) : 0.0f;
}

// phiGag: the voxel's GAG fraction (gag_fraction_of below).
inline float fibre_matrix_relative_diffusivity(__constant const float* law, float e, int code, float rs, float phiGag) {
    float phiCol = e <= 0.0f ? 0.0f : fmin(law[FM_REFERENCE_COLLAGEN_FRACTION] * pow(e / law[FM_REFERENCE_STIFFNESS],
            1.0f / law[FM_STIFFNESS_EXPONENT]), law[FM_MAX_COLLAGEN_FRACTION]);
    float phiCell = law[FM_CELL_FRACTION_BY_CELL + code];
    float resistance = jackson_james_resistance(phiCol, law[FM_COLLAGEN_RADIUS])
            + jackson_james_resistance(phiGag, law[FM_GAG_RADIUS]);
    float x2 = rs * rs * resistance;
    float hydrodynamic = 1.0f / (1.0f + sqrt(x2) + x2 / 3.0f);
    float reachCol = 1.0f + rs / law[FM_COLLAGEN_RADIUS];
    float reachGag = 1.0f + rs / law[FM_GAG_RADIUS];
    float f = phiCol * reachCol * reachCol + phiGag * reachGag * reachGag;
    float steric = f > 0.0f ? exp(-0.84f * pow(f, 1.09f)) : 1.0f;
    return hydrodynamic * steric * (2.0f / (2.0f + phiCell));
}

// The GAG fraction of voxel v: the hyaluronan state when the scenario has one (hasGag), else the cell type's
// fraction from the fibre_matrix table (CompositionLaw.composition(E, code, gag, v)).
inline float gag_fraction_of(__constant const float* law, __global const float* gag, int hasGag, long v, int code) {
    return hasGag ? gag[v] : law[FM_GAG_FRACTION_BY_CELL + code];
}

// D/D0 of a solute of Stokes radius rs at stiffness e (kPa) in a tissue voxel of cell code `code` and GAG
// fraction phiGag (read by the fibre_matrix law only; lumen's D = 0 is set by the caller); law parameters in `law`, filled from the Java law by
// DeviceBiology.lawTable: Ogston {r_f, E_ref, phi_ref, n}, exponential {E_scale}, fibre matrix (above).
// The formulas repeat the Java laws (transport.OgstonLaw, ExponentialLaw, FibreMatrixLaw) in float;
// KernelPhysicsParityTest holds each to its Java law on random inputs.
inline float relative_diffusivity(int kind, __constant const float* law, float e, int code, float rs, float phiGag) {
    if (kind == LAW_EXPONENTIAL) {
        return exp(-fmax(e, 0.0f) / law[EXPONENTIAL_STIFFNESS_SCALE]);
    }
    if (kind == LAW_FIBRE_MATRIX) {
        return fibre_matrix_relative_diffusivity(law, e, code, rs, phiGag);
    }
    float phi = e <= 0.0f ? 0.0f : fmin(law[OGSTON_REFERENCE_FRACTION] * pow(e / law[OGSTON_REFERENCE_STIFFNESS],
            1.0f / law[OGSTON_STIFFNESS_EXPONENT]), 1.0f);
    return exp(-sqrt(phi) * (1.0f + rs / law[OGSTON_FIBRE_RADIUS]));
}

__kernel void remodel_and_respond(__global uchar* cell,
                                  __global uchar* restrict keys,
                                  __global float* restrict stiffnessKpa,
                                  __global float* restrict viability,
                                  __global float* restrict exposureHi,
                                  __global float* restrict exposureLo,
                                  __global const float* restrict concentration,
                                  __global float* restrict diffusivity,
                                  const int nx, const int ny, const int nz, const int pad,
                                  // remodelling
                                  const float cafStiffeningPerS, const float spreadPerS, const float building,
                                  const float softeningPerS, const float ceilingKpa, const float floorKpa,
                                  // drug response
                                  const int onExposure, const int il6Species, const int lactateSpecies,
                                  const float ec50, const float killHillN, const float maxKillPerS,
                                  const float deathViability, const float il6PassFraction, const float il6HillN,
                                  const float il6KPowH, const float il6MaxFactor, const float mct1PassFraction,
                                  const float lactateKm, const float lactateMaxFactor,
                                  const float dtS,
                                  // diffusivity: per species {D0, Stokes radius}, then the law
                                  __constant const float* restrict speciesLaw,
                                  const int lawKind,
                                  __constant const float* restrict law,
                                  // hyaluronan: the state (hasGag), the steady state per cell code and exp(-lambda*dt)
                                  __global float* restrict gag,
                                  const int hasGag,
                                  __constant const float* restrict gagSteadyState,
                                  const float gagDecay) {
    const long i = get_global_id(0);
    const long j = get_global_id(1);
    const long k = get_global_id(2);
    if (i >= nx || j >= ny || k >= nz) {
        return;
    }
    const long n = (long) nx * ny * nz;
    const long sy = nx;
    const long sz = (long) nx * ny;
    const long v = i + sy * j + sz * k;
    int code = cell[v];

    // the exposure as the host stores it (see the file comment); the Kahan compensation holds the negated lost part
    float exposure = exposureHi[v] - exposureLo[v];
    exposureHi[v] = exposure;
    exposureLo[v] = 0.0f;

    float e = stiffnessKpa[v];
    if (code != CELL_VESSEL) {
        int m = 0;
        if (spreadPerS > 0.0f) {
            m = (i > 0 ? is_caf(cell, v - 1) : 0) + (i < nx - 1 ? is_caf(cell, v + 1) : 0)
                    + (j > 0 ? is_caf(cell, v - sy) : 0) + (j < ny - 1 ? is_caf(cell, v + sy) : 0)
                    + (k > 0 ? is_caf(cell, v - sz) : 0) + (k < nz - 1 ? is_caf(cell, v + sz) : 0);
        }
        float a = ((code == CELL_CAF ? cafStiffeningPerS : 0.0f) + spreadPerS * (float) m / 6.0f) * building;
        float total = a + softeningPerS;
        if (total > 0.0f) {
            float target = (a * ceilingKpa + softeningPerS * floorKpa) / total;
            e = target + (e - target) * exp(-total * dtS);
            stiffnessKpa[v] = e;
        }
    }

#if DRUG >= 0
    if (code == CELL_CANCER) {
        float x = onExposure ? exposure : concentration[pad + DRUG * n + v];
        float il6 = fmax(concentration[pad + il6Species * n + v], 0.0f) * il6PassFraction;
        float ih = pow(il6, il6HillN);
        float il6Factor = 1.0f + (il6MaxFactor - 1.0f) * ih / (ih + il6KPowH);
        float l = fmax(concentration[pad + lactateSpecies * n + v], 0.0f);
        float supply = mct1PassFraction * l / (l + lactateKm);
        float lactateFactor = 1.0f + (lactateMaxFactor - 1.0f) * supply;
        float ec50Effective = ec50 * il6Factor * lactateFactor;
        float kill = 0.0f;
        if (x > 0.0f) {
            float xn = pow(x, killHillN);
            kill = maxKillPerS * xn / (pow(ec50Effective, killHillN) + xn);
        }
        float alive = viability[v];
        if (kill > 0.0f) {
            alive = alive * exp(-kill * dtS);
            viability[v] = alive;
        }
        if (alive < deathViability) {
            code = CELL_DEAD;
            cell[v] = CELL_DEAD;
        }
    }
#endif

    if (hasGag) {
        float target = gagSteadyState[code];
        gag[v] = target + (gag[v] - target) * gagDecay;
    }

    // keys: the new cell code with the voxel's (unchanged) wall class
    keys[v] = (uchar) (code * WALL_CLASSES + keys[v] % WALL_CLASSES);

    float phiGag = gag_fraction_of(law, gag, hasGag, v, code);
    for (int s = 0; s < SPECIES; s++) {
        float d = code == CELL_VESSEL ? 0.0f
                : speciesLaw[SPECIES_LAW_STRIDE * s + SPECIES_LAW_D0]
                * relative_diffusivity(lawKind, law, e, code, speciesLaw[SPECIES_LAW_STRIDE * s + SPECIES_LAW_STOKES_RADIUS],
                        phiGag);
        diffusivity[pad + s * n + v] = d;
    }
}

// Kill of CANCER voxels by cytotoxic oestrogen-receptor antagonists (org.stromasim.biology.EndocrineResponse
// .killStep), run after remodel_and_respond when the scenario has one. Competitive binding with free ≈ total
// ligand: a_E = E/Kd, a_i = D_i/Ki_i; relative ER signalling S = [a_E/(1 + a_E + Σa_i)]/refOccupancy; IL-6
// bypass b = bMax*I^h/(I^h + K^h); net suppression N = (1 - S)(1 - b); k = maxKill * N * (cytotoxic share of
// Σa_i); viability *= exp(-k*dt); DEAD below the death threshold, with its key and diffusivity rewritten
// (the fibre_matrix law reads the cell code).
// ligands: per antagonist {species index, nM per species unit, 1/Ki (1/nM), 1 if cytotoxic else 0}.
__kernel void endocrine_kill(__global uchar* cell,
                             __global uchar* restrict keys,
                             __global const float* restrict stiffnessKpa,
                             __global float* restrict viability,
                             __global const float* restrict concentration,
                             __global float* restrict diffusivity,
                             const int pad,
                             const long n,
                             __constant const float* restrict ligands,
                             const int ligandCount,
                             const int estradiolSpecies,
                             const float estradiolNmPerUnit,
                             const float inverseKdNm,
                             const float referenceOccupancy,
                             const int il6Species,
                             const float il6PassFraction,
                             const float bypassMax,
                             const float bypassKPowH,
                             const float bypassHillN,
                             const float maxKillPerS,
                             const float deathViability,
                             const float dtS,
                             __constant const float* restrict speciesLaw,
                             const int lawKind,
                             __constant const float* restrict law,
                             __global const float* restrict gag,
                             const int hasGag) {
    const long v = get_global_id(0);
    if (v >= n || cell[v] != CELL_CANCER) {
        return;
    }
    float load = 0.0f;
    float cytotoxicLoad = 0.0f;
    for (int i = 0; i < ligandCount; i++) {
        __constant const float* ligand = ligands + LIGAND_STRIDE * i;
        int s = (int) ligand[LIGAND_SPECIES];
        float a = fmax(concentration[pad + s * n + v] * ligand[LIGAND_NM_PER_UNIT], 0.0f) * ligand[LIGAND_INVERSE_KI];
        load += a;
        cytotoxicLoad += ligand[LIGAND_CYTOTOXIC] > 0.0f ? a : 0.0f;
    }
    float alive = viability[v];
    // no untreated oestradiol: nothing to suppress, S = 1 (EstrogenReceptorBinding.relativeSignalling)
    if (load > 0.0f && referenceOccupancy > 0.0f) {
        float aE = fmax(concentration[pad + estradiolSpecies * n + v] * estradiolNmPerUnit, 0.0f) * inverseKdNm;
        float signalling = aE / (1.0f + aE + load) / referenceOccupancy;
        float il6 = fmax(concentration[pad + il6Species * n + v], 0.0f) * il6PassFraction;
        float ih = il6 > 0.0f ? pow(il6, bypassHillN) : 0.0f;
        float bypass = ih > 0.0f ? bypassMax * ih / (ih + bypassKPowH) : 0.0f;
        float net = fmax((1.0f - signalling) * (1.0f - bypass), 0.0f);
        float k = maxKillPerS * net * cytotoxicLoad / load;
        if (k > 0.0f) {
            alive = alive * exp(-k * dtS);
            viability[v] = alive;
        }
    }
    if (alive < deathViability) {
        cell[v] = CELL_DEAD;
        keys[v] = (uchar) (CELL_DEAD * WALL_CLASSES + keys[v] % WALL_CLASSES);
        float e = stiffnessKpa[v];
        float phiGag = gag_fraction_of(law, gag, hasGag, v, CELL_DEAD);
        for (int s = 0; s < SPECIES; s++) {
            diffusivity[pad + s * n + v] = speciesLaw[SPECIES_LAW_STRIDE * s + SPECIES_LAW_D0]
                    * relative_diffusivity(lawKind, law, e, CELL_DEAD, speciesLaw[SPECIES_LAW_STRIDE * s + SPECIES_LAW_STOKES_RADIUS],
                            phiGag);
        }
    }
}
