package org.stromasim.biology;

import org.stromasim.scenario.BiologySpec;
import org.stromasim.scenario.BiologySpec.InterventionKind;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;

/**
 * The adaptive slow clock ({@code biology.slow_clock}): the length of the next slow step, chosen from the
 * state right after a slow step so that no rate law can change a voxel by more than the target fraction
 * ε over it. The bounds are the laws at their fastest, so they hold whatever the transport does inside
 * the step:
 * <ul>
 *   <li>stiffness: |ΔE|/E ≤ r_E·Δt with r_E = max over voxels of (a·|E_ceiling − E| + b·|E − E_floor|)/E,
 *       a and b the remodelling rates of {@link MatrixRemodelling} with no LOX inhibition and the strongest
 *       enzyme any intervention applies (|E∞ − E|·(1 − e^(−(a+b)Δt)) ≤ that, as 1 − e^(−x) ≤ x);
 *       so Δt_E = ε/r_E. The bound holds for every voxel that is a CAF when the step starts; a fibroblast
 *       that activates in the step is remodelled as a CAF over the whole step (the slow step's order), a
 *       timing error of at most one step that the activation bound keeps to a share ε of the fibroblasts
 *       per step. Counting every fibroblast as a CAF instead would let fibroblasts that never see TGF-β
 *       hold the clock at its shortest for the whole run;</li>
 *   <li>activation, while any fibroblast voxel is left: the chance of activation over Δt is
 *       1 − e^(−k·Δt) ≤ 1 − e^(−k_max·Δt), so Δt_A = −ln(1 − ε)/k_max;</li>
 *   <li>viability, while any cancer voxel lives and a law can kill: viability·e^(−k·Δt) with
 *       k ≤ k_drug + k_endocrine (the maxima of both kill laws), so Δt_K = −ln(1 − ε)/(k_drug + k_endocrine).</li>
 * </ul>
 * The step is the base interval (slow_interval_s) times the largest power of two 2^m with
 * base·2^m ≤ min(Δt_E, Δt_A, Δt_K, max_interval_s), and with m no larger than the number of times the
 * current time (in base intervals) divides by two, so steps grow only where they stay aligned: every step
 * ends on a multiple of its own length, and every chain of steps passes through each multiple of
 * max_interval_s. The choice reads only the cells, stiffness and viability (which change only in slow
 * steps) and the time, so a run resumed from a snapshot taken on a slow step chooses the same steps.
 */
public final class AdaptiveSlowInterval {

    /** What limited the chosen step (for the run log). */
    public enum Limit { STIFFNESS, ACTIVATION, VIABILITY, MAXIMUM, ALIGNMENT, BASE }

    /** A chosen step: its length, what limited it, and the unquantised bound. */
    public record Choice(double intervalS, Limit limit, double boundS) {
    }

    private final BiologySpec spec;
    private final double baseS;
    private final double target;
    private final double maxS;
    private final int maxDoublings;
    private final double strongestEnzyme;
    private final double maxKillPerS;

    /**
     * @param spec      the biology section (with a slow clock)
     * @param drugKills whether the drug-response law can kill (the scenario has a drug species)
     */
    public AdaptiveSlowInterval(BiologySpec spec, boolean drugKills) {
        if (spec.slowClock() == null) {
            throw new IllegalArgumentException("biology section has no slow_clock");
        }
        this.spec = spec;
        this.baseS = spec.slowIntervalS();
        this.target = spec.slowClock().maxRelativeChange();
        this.maxS = spec.slowClock().maxIntervalS();
        this.maxDoublings = (int) Math.rint(Math.log(maxS / baseS) / Math.log(2.0));
        this.strongestEnzyme = strongest(spec, InterventionKind.ENZYME);
        double endocrineKill = spec.endocrine() == null ? 0.0 : spec.endocrine().maxKillPerS();
        this.maxKillPerS = (drugKills ? spec.drugResponse().maxKillPerS() : 0.0) + endocrineKill;
    }

    /** 1 − Π(1 − strength) over every intervention of {@code kind}: the most it can reach at any time. */
    private static double strongest(BiologySpec spec, InterventionKind kind) {
        double passing = 1.0;
        for (BiologySpec.Intervention i : spec.interventions()) {
            if (i.type() == kind) {
                passing *= 1.0 - i.strength();
            }
        }
        return 1.0 - passing;
    }

    /** The step to take from {@code timeS} (a slow-step time) for the state {@code state}. */
    public Choice choose(Tissue state, double timeS) {
        Limit limit = Limit.MAXIMUM;
        double bound = maxS;
        double stiffness = target / stiffnessRatePerS(state);
        if (stiffness < bound) {
            bound = stiffness;
            limit = Limit.STIFFNESS;
        }
        double perChance = -Math.log1p(-target);
        double activation = hasAny(state.cell(), CellType.FIBROBLAST) ? perChance / spec.activation().maxRatePerS()
                : Double.POSITIVE_INFINITY;
        if (activation < bound) {
            bound = activation;
            limit = Limit.ACTIVATION;
        }
        double viability = maxKillPerS > 0 && hasAny(state.cell(), CellType.CANCER) ? perChance / maxKillPerS
                : Double.POSITIVE_INFINITY;
        if (viability < bound) {
            bound = viability;
            limit = Limit.VIABILITY;
        }
        int m = 0;
        while (m < maxDoublings && baseS * Math.pow(2, m + 1) <= bound) {
            m++;
        }
        if (m == 0 && baseS > bound) {
            limit = Limit.BASE;
        }
        int aligned = alignedDoublings(timeS);
        if (aligned < m) {
            m = aligned;
            limit = Limit.ALIGNMENT;
        }
        return new Choice(baseS * Math.pow(2, m), limit, bound);
    }

    /** How many times {@code timeS}/base divides by two (0 off the base grid; the maximum at t = 0). */
    int alignedDoublings(double timeS) {
        double k = Math.rint(timeS / baseS);
        if (Math.abs(timeS - k * baseS) > 1e-9 * Math.max(1.0, timeS) || k < 0) {
            return 0;
        }
        long n = (long) k;
        if (n == 0) {
            return maxDoublings;
        }
        return Math.min(maxDoublings, Long.numberOfTrailingZeros(n));
    }

    /** r_E: the fastest relative stiffness change any voxel can have, 1/s (0 when none can change). */
    public double stiffnessRatePerS(Tissue state) {
        BiologySpec.Remodelling law = spec.remodelling();
        var grid = state.grid();
        int nx = grid.nx();
        int ny = grid.ny();
        int nz = grid.nz();
        byte[] cell = state.cell();
        float[] e = state.stiffnessKpa();
        byte vessel = CellType.VESSEL.code();
        double b = law.enzymeSofteningPerS() * strongestEnzyme;
        double fastest = 0.0;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int v = i + nx * (j + ny * k);
                    if (cell[v] == vessel || !(e[v] > 0)) {
                        continue;
                    }
                    double a = MatrixRemodelling.stiffeningPerS(law, cell, i, j, k, nx, ny, nz);
                    double rate = (a * Math.abs(law.ceilingKpa() - e[v]) + b * Math.abs(e[v] - law.floorKpa())) / e[v];
                    fastest = Math.max(fastest, rate);
                }
            }
        }
        return fastest;
    }

    private static boolean hasAny(byte[] cell, CellType type) {
        byte code = type.code();
        for (byte c : cell) {
            if (c == code) {
                return true;
            }
        }
        return false;
    }
}
