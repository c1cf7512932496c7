package org.stromasim.scenario;

import java.util.List;

/**
 * The optional {@code biology} section: the slow processes of CAF-mediated resistance that act on the
 * voxel state between transport advances (fibroblast activation, matrix remodelling, drug kill) and
 * the anti-stromal interventions. Absent ({@code null} in {@link Scenario}) means pure transport.
 * Concentration thresholds are in the unit of the species they refer to.
 *
 * @param slowIntervalS  the slow clock: activation, remodelling and death advance every this many seconds
 * @param tgfbSpecies    the species read as TGF-β (activation)
 * @param il6Species     the species read as IL-6 (EC50 shift)
 * @param lactateSpecies the species read as lactate (MCT1 uptake, tolerance; MCT1 inhibitor target)
 * @param activation     fibroblast → CAF activation
 * @param remodelling    matrix stiffening by CAFs and softening by an enzyme
 * @param drugResponse   kill of cancer cells by the metrics drug species
 * @param interventions  anti-stromal co-therapies, in the order written
 * @param endocrine      oestrogen-receptor pharmacodynamics; {@code null} when the scenario has none
 * @param slowClock      the adaptive slow clock ({@code slow_clock}); {@code null}: a step every slowIntervalS
 */
public record BiologySpec(double slowIntervalS, String tgfbSpecies, String il6Species, String lactateSpecies,
                          Activation activation, Remodelling remodelling, DrugResponse drugResponse,
                          List<Intervention> interventions, Endocrine endocrine, SlowClock slowClock) {

    public BiologySpec {
        interventions = List.copyOf(interventions);
    }

    /** A biology section with a fixed slow interval. */
    public BiologySpec(double slowIntervalS, String tgfbSpecies, String il6Species, String lactateSpecies,
                       Activation activation, Remodelling remodelling, DrugResponse drugResponse,
                       List<Intervention> interventions, Endocrine endocrine) {
        this(slowIntervalS, tgfbSpecies, il6Species, lactateSpecies, activation, remodelling, drugResponse,
                interventions, endocrine, null);
    }

    /**
     * The adaptive slow clock: each slow step is slowIntervalS·2^m long, the longest such that no
     * voxel's stiffness, no fibroblast voxel's chance of activation and no cancer voxel's viability can
     * change by more than {@code maxRelativeChange} over it (bounds from the rate laws at their fastest),
     * at most {@code maxIntervalS} (see {@code biology.AdaptiveSlowInterval}).
     *
     * @param maxRelativeChange bound on the relative change per slow step, 0..1 exclusive
     * @param maxIntervalS      the longest slow step, s (slowIntervalS times a power of two)
     */
    public record SlowClock(double maxRelativeChange, double maxIntervalS) {
    }

    /** A biology section without endocrine pharmacodynamics. */
    public BiologySpec(double slowIntervalS, String tgfbSpecies, String il6Species, String lactateSpecies,
                       Activation activation, Remodelling remodelling, DrugResponse drugResponse,
                       List<Intervention> interventions) {
        this(slowIntervalS, tgfbSpecies, il6Species, lactateSpecies, activation, remodelling, drugResponse,
                interventions, null);
    }

    /**
     * Competitive binding of oestradiol and antagonists to the oestrogen receptor in cancer voxels, at
     * equilibrium with free ligand ≈ total (receptor far below ligand): with a_E = E/Kd_E and
     * a_i = D_i/Ki_i, the antagonist occupancy is Σa_i/(1 + a_E + Σa_i), and ER signalling relative to the
     * untreated voxel (plasma oestradiol without aromatase inhibition, no antagonist) is
     * θ_E/θ_E,ref. IL-6 gives ER-independent proliferative signalling, a share b(I) of what the ER
     * pathway lost, so the net suppression is (1 − S)·(1 − b).
     *
     * @param estradiolSpecies     the species read as oestradiol (it must cross vessel walls: its plasma
     *                             curve is the untreated level, lowered by an {@code aromatase_inhibitor})
     * @param estradiolKdNm        Kd of oestradiol for ER, nM
     * @param ligands              the ER antagonists (drug species), each with its Ki and response mode
     * @param il6Bypass            ER-independent signalling by IL-6 (the biology's IL-6 species)
     * @param maxKillPerS          death rate of a cancer voxel at net suppression 1 by cytotoxic ligands, 1/s
     * @param underSuppressedBelow a living cancer voxel whose net suppression is below this counts as under-suppressed
     */
    public record Endocrine(String estradiolSpecies, double estradiolKdNm, List<ErLigand> ligands, Il6Bypass il6Bypass,
                            double maxKillPerS, double underSuppressedBelow) {
        public Endocrine {
            ligands = List.copyOf(ligands);
        }
    }

    /**
     * An ER antagonist: a drug species, its inhibition constant and how the cancer cells respond.
     *
     * @param species  the drug species
     * @param kiNm     inhibition constant for ER, nM
     * @param response cytostatic (signalling suppressed, cells not killed) or cytotoxic (its share of the
     *                 net suppression also kills at {@link Endocrine#maxKillPerS})
     * @param unboundFraction the share of the species level not bound to proteins, 0..1; only the
     *                 unbound drug binds ER (a_i = f_u·D_i/Ki_i)
     */
    public record ErLigand(String species, double kiNm, ResponseMode response, double unboundFraction) {

        /** An antagonist whose whole species level binds ER (no protein binding). */
        public ErLigand(String species, double kiNm, ResponseMode response) {
            this(species, kiNm, response, 1.0);
        }
    }

    /** How cancer cells respond to an ER antagonist. */
    public enum ResponseMode { CYTOSTATIC, CYTOTOXIC }

    /**
     * b(I) = maxFraction·Iʰ/(Iʰ + ec50ʰ), I the local IL-6 times (1 − IL-6R blockade).
     *
     * @param maxFraction share of the lost ER signalling IL-6 can replace at saturation, 0..1
     * @param ec50        IL-6 level of half-maximal bypass (IL-6 species unit)
     * @param hillN       Hill coefficient
     */
    public record Il6Bypass(double maxFraction, double ec50, double hillN) {
    }

    /**
     * Stochastic activation: in a slow step of length Δt a quiescent fibroblast voxel becomes a CAF
     * with probability 1 − exp(−maxRate·H(T)·Δt), H(T) = Tⁿ/(EC50ⁿ + Tⁿ) for T above the threshold, else 0.
     *
     * @param threshold    TGF-β level below which nothing activates (species unit)
     * @param ec50         TGF-β level of half-maximal activation rate (species unit)
     * @param hillN        Hill coefficient
     * @param maxRatePerS  activation rate at saturating TGF-β, 1/s
     */
    public record Activation(double threshold, double ec50, double hillN, double maxRatePerS) {
    }

    /**
     * dE/dt = a·(ceiling − E) − b·(E − floor), integrated exactly over a slow step, with
     * a = (cafStiffening·[voxel is a CAF] + spread·(CAF face neighbours)/6)·(1 − LOX inhibition) and
     * b = enzymeSoftening·(enzyme strength).
     *
     * @param cafStiffeningPerS   stiffening rate of a CAF voxel toward the ceiling, 1/s
     * @param ceilingKpa          stiffness ceiling, kPa
     * @param spreadPerS          stiffening rate of a voxel all of whose six face neighbours are CAFs, 1/s
     * @param enzymeSofteningPerS softening rate toward the floor at enzyme strength 1, 1/s
     * @param floorKpa            stiffness the enzyme softens toward, kPa
     */
    public record Remodelling(double cafStiffeningPerS, double ceilingKpa, double spreadPerS,
                              double enzymeSofteningPerS, double floorKpa) {
    }

    /** What the kill law reads: the local drug concentration, or the drug exposure (AUC). */
    public enum Measure { CONCENTRATION, EXPOSURE }

    /**
     * Kill rate k = maxKill·Xⁿ/(EC50_effⁿ + Xⁿ) in cancer voxels; viability ← viability·exp(−k·Δt);
     * a voxel whose viability falls below {@code deathViability} turns DEAD.
     *
     * @param measure          concentration (unit) or exposure (unit·s)
     * @param ec50             EC50 without IL-6 or lactate, in the unit of the measure
     * @param hillN            Hill coefficient of the kill law
     * @param maxKillPerS      kill rate at saturating drug, 1/s
     * @param deathViability   viability below which a cancer voxel becomes DEAD
     * @param il6Resistance    the EC50 shift by IL-6
     * @param lactateTolerance the EC50 shift by MCT1 lactate supply
     */
    public record DrugResponse(Measure measure, double ec50, double hillN, double maxKillPerS, double deathViability,
                               Il6Resistance il6Resistance, LactateTolerance lactateTolerance) {
    }

    /**
     * EC50_eff = EC50·(1 + (maxFactor − 1)·Iʰ/(Iʰ + Kʰ)), I the local IL-6 (times 1 − IL-6R blockade).
     *
     * @param ec50      IL-6 level K of half-maximal shift (species unit)
     * @param hillN     Hill coefficient h
     * @param maxFactor fold change of the EC50 at saturating IL-6 (≥ 1)
     */
    public record Il6Resistance(double ec50, double hillN, double maxFactor) {
    }

    /**
     * EC50 × (1 + (maxFactor − 1)·u), u = (1 − MCT1 inhibition)·L/(L + km): the MCT1 lactate supply.
     *
     * @param maxFactor fold change of the EC50 at saturating lactate supply (≥ 1)
     * @param km        MCT1 Michaelis constant for lactate (species unit)
     */
    public record LactateTolerance(double maxFactor, double km) {
    }

    /** The anti-stromal co-therapies. */
    public enum InterventionKind {
        LOX_INHIBITOR, TGFB_INHIBITOR, MCT1_INHIBITOR, ENZYME, IL6R_BLOCKER,
        /** lowers the plasma oestradiol of {@link Endocrine#estradiolSpecies} by its strength */
        AROMATASE_INHIBITOR,
        /** degrades hyaluronan (needs {@code ecm.hyaluronan}); see {@code biology.MatrixTreatment} */
        HYALURONIDASE,
        /** degrades collagen: softens the matrix like {@link #ENZYME}, at the same rate */
        COLLAGENASE,
        /** angiotensin-receptor blocker: slows collagen deposition like a LOX inhibitor and hyaluronan synthesis */
        LOSARTAN
    }

    /**
     * A co-therapy active for startS ≤ t &lt; startS + durationS.
     *
     * @param type      what it blocks or does
     * @param startS    start time, s
     * @param durationS how long it acts, s
     * @param strength  fraction blocked (inhibitors, blocker) or relative enzyme activity, 0..1
     */
    public record Intervention(InterventionKind type, double startS, double durationS, double strength) {
    }
}
