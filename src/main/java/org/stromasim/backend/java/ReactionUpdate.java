package org.stromasim.backend.java;

import org.stromasim.transport.VoxelKeys;
import org.stromasim.tissue.CellType;
import org.stromasim.transport.ExposureWeights;
import org.stromasim.transport.ReactionKeyMap;
import org.stromasim.transport.SpeciesReactions;
import org.stromasim.transport.WallExchange;

/**
 * The reaction sub-step of one species. Every term is written as dC/dt = S − λ·C with S ≥ 0 and
 * λ ≥ 0 and integrated exactly over the sub-step h: C ← C·e^(−λh) + S·h·(1 − e^(−λh))/(λh), which is
 * unconditionally stable and keeps C ≥ 0.
 * <ul>
 *   <li>decay k and binding k_bind[cell]: λ += k + k_bind;</li>
 *   <li>vessel exchange: λ += P·(S/V), S += P·(S/V)·(the plasma curve's mean over the sub-step);</li>
 *   <li>Michaelis–Menten uptake with its rate frozen at the start of the sub-step:
 *       λ += viability·Vmax/(Km + C) — positivity-preserving, first order in h for the nonlinear part;</li>
 *   <li>secretion: S += viability·rate, and with a saturation level λ += viability·rate/saturation.</li>
 * </ul>
 * Vessel voxels are lumen: they do not react; for a species that crosses vessel walls they are set to
 * the plasma concentration at the end of the sub-step (for display).
 *
 * <p>{@link #tabulate} turns a sub-step into a {@link ReactionTable} (from the maps of
 * {@link ReactionKeyMap}, which the OpenCL backend tabulates from too); {@link #apply} runs it over a
 * range of voxels (and {@link VectorReactions} the same with float lanes). Cells whose λ depends
 * neither on C nor on viability take the tabulated affine map in float (no exponential per voxel; see
 * {@link ReactionTable} for its form), and so do cells with saturating secretion where viability is 1;
 * cells with uptake, and saturating secretion at viability below 1, are integrated per voxel
 * ({@link #integrate}: in float with a series where λh is small, in double above); vessel lumen takes
 * its double map.
 */
final class ReactionUpdate {

    private final boolean active;
    private final boolean crossesVessels;
    private final double decayPerS;
    private final double permeabilityUmPerS;
    /** Vessel wall area per volume of each voxel, 1/µm (the backend's live array; read, never written). */
    private final float[] wallPerUm;
    /**
     * Per voxel, its plasma group (the model's array), or null when all vessels carry the species'
     * own curve: wall voxels then take the table's group level as their exchange source and lumen voxels
     * their group's level.
     */
    private final byte[] plasmaGroup;
    /** Per voxel, the distance from its centre to its wall, µm, or null (every centre on its wall). */
    private final float[] wallDistanceUm;
    /** The species' voxel diffusivity, µm²/s (the backend's live array), with {@link #wallDistanceUm}. */
    private final float[] diffusivity;
    private final double[] bindingPerS;
    /**
     * The species' retardation factor R per voxel (the backend's live array), or null without reversible
     * matrix binding: each sub-step of h then runs every rate divided by R, which for dC/dt = (S − λC)/R
     * is the unretarded sub-step of length h/R (plasma still the real interval's mean).
     */
    private float[] retardation;
    /** Effective Vmax by cell code: the model's Vmax times its uptake scale ({@link #scaleUptake}). */
    private final double[] vmaxPerS;
    private final double[] baseVmaxPerS;
    private final double[] km;
    private final double[] secretionPerS;
    private final double[] secretionRelaxPerS;
    private final SpeciesReactions reactions;
    /** Per cell code, the factor on the model's Vmax ({@link #scaleUptake}). */
    private final double[] uptakeScale = new double[CellType.COUNT];
    /** Scratch of {@link #tabulate}, on the calling thread. */
    private final ReactionKeyMap keyMap = new ReactionKeyMap();

    ReactionUpdate(SpeciesReactions r, boolean crossesVessels, float[] wallPerUm) {
        this(r, crossesVessels, wallPerUm, null, null, null);
    }

    /**
     * @param wallDistanceUm per voxel, its centre's distance from its wall, µm (the model's; null: 0)
     * @param diffusivity    the species' voxel diffusivity, µm²/s (the backend's live array; null with
     *                       no distances)
     */
    ReactionUpdate(SpeciesReactions r, boolean crossesVessels, float[] wallPerUm, byte[] plasmaGroup,
                   float[] wallDistanceUm, float[] diffusivity) {
        this.plasmaGroup = plasmaGroup;
        this.reactions = r;
        java.util.Arrays.fill(uptakeScale, 1.0);
        this.wallDistanceUm = wallDistanceUm;
        this.diffusivity = diffusivity;
        this.active = r.hasAnyTerm() || crossesVessels;
        this.crossesVessels = crossesVessels;
        this.decayPerS = r.decayPerS();
        this.permeabilityUmPerS = crossesVessels ? r.permeabilityUmPerS() : 0.0;
        this.wallPerUm = wallPerUm;
        this.bindingPerS = r.bindingPerS().clone();
        this.vmaxPerS = r.uptakeVmaxPerS().clone();
        this.baseVmaxPerS = r.uptakeVmaxPerS().clone();
        this.km = r.uptakeKm().clone();
        this.secretionPerS = r.secretionPerS().clone();
        this.secretionRelaxPerS = r.secretionRelaxPerS().clone();
    }

    /** Takes the species' live retardation array (null: R = 1, the tabulated paths). */
    void retardWith(float[] retardation) {
        this.retardation = retardation;
    }

    /**
     * Sets the effective Vmax to the model's Vmax × {@code scale[cell code]} (1 = unchanged, 0 = blocked),
     * before a pass, on the calling thread, so the inner loops read one effective array.
     */
    void scaleUptake(double[] scale) {
        for (int c = 0; c < vmaxPerS.length; c++) {
            vmaxPerS[c] = baseVmaxPerS[c] * scale[c];
            uptakeScale[c] = scale[c];
        }
    }

    /** False when no term acts on the species (the sub-step is the identity and can be skipped). */
    boolean active() {
        return active;
    }

    /**
     * Fills {@code table} for a sub-step of {@code hS} seconds with the given plasma levels: the map of
     * every key from {@link ReactionKeyMap} (the definition the OpenCL backend tabulates from too), keys
     * integrated per voxel with NaN entries (never read, so a mistake stays loud), and the float
     * parameters of {@link #integrate}.
     */
    void tabulate(ReactionTable table, double hS, double plasmaMean, double plasmaEnd) {
        table.active = active;
        table.present = true;
        table.stepS = hS;
        table.stepF = (float) hS;
        table.plasmaMean = plasmaMean;
        table.plasmaEnd = plasmaEnd;
        keyMap.tabulate(reactions, uptakeScale, crossesVessels, hS, plasmaEnd);
        for (int key = 0; key < VoxelKeys.COUNT; key++) {
            tabulatePerVoxel(table, key, VoxelKeys.cellCode(key), 0.0, plasmaMean); // wall keys: their own S/V per voxel
            byte mode = keyMap.mode[key];
            table.mode[key] = mode;
            if (mode == ReactionTable.WALL || mode == ReactionTable.PER_VOXEL) {
                set(table, key, Double.NaN, Double.NaN, Double.NaN);
                table.change[key] = Double.NaN;
                table.endWeight[key] = Double.NaN;
                continue;
            }
            set(table, key, keyMap.factor[key], keyMap.sourceConst[key], keyMap.sourcePerAlive[key]);
            table.change[key] = keyMap.change[key];
            table.endWeight[key] = keyMap.endWeight[key];
        }
        table.roundToFloat();
    }

    /** The float parameters of {@link #integrate} for one key ({@code exchange}: its P·(S/V), 1/s). */
    private void tabulatePerVoxel(ReactionTable table, int key, int code, double exchange, double plasmaMean) {
        int at = key * ReactionTable.VOXEL_STRIDE;
        float[] p = table.perVoxel;
        p[at] = (float) (decayPerS + bindingPerS[code] + exchange);
        p[at + 1] = (float) vmaxPerS[code];
        p[at + 2] = (float) km[code];
        p[at + 3] = (float) secretionRelaxPerS[code];
        p[at + 4] = (float) (exchange * plasmaMean);
        p[at + 5] = (float) secretionPerS[code];
    }

    private static void set(ReactionTable table, int key, double factor, double sourceConst, double sourcePerAlive) {
        int at = key * ReactionTable.STRIDE;
        table.affine[at] = factor;
        table.affine[at + 1] = sourceConst;
        table.affine[at + 2] = sourcePerAlive;
    }

    /**
     * The exchange rate of voxel v with key {@code key}, 1/s: P·(S/V) with its own wall area per volume
     * in series with the tissue between the wall and its centre ({@link WallExchange}), 0 without a wall.
     */
    private double exchangePerS(int key, int v) {
        if (!VoxelKeys.hasWall(key)) {
            return 0.0;
        }
        return wallDistanceUm == null ? permeabilityUmPerS * wallPerUm[v]
                : WallExchange.ratePerS(permeabilityUmPerS, wallPerUm[v], wallDistanceUm[v], diffusivity[v]);
    }

    /**
     * Sub-step {@code t} of one voxel in the explicit step's float form: nothing for a key on which no
     * term acts, the float map ({@link ReactionTable#mapped}) where it holds, else {@link #slowStep}. The vectorised reaction
     * loops ({@link VectorReactions}) compute the same expression lane by lane and call this for the
     * voxels they do not map, so both give the same float.
     */
    float step(ReactionTable t, float c, int key, float alive, int v) {
        if (t.identity[key]) {
            return c;
        }
        if (retardation != null && t.mode[key] != ReactionTable.LUMEN) {
            return retardedStep(t, c, key, alive, v);
        }
        if (ReactionTable.mappedInFloat(t.mode[key], alive)) {
            return ReactionTable.mapped(t.map, key * ReactionTable.MAP_STRIDE, c, alive);
        }
        return slowStep(t, c, key, alive, v);
    }

    /** Sub-step t of voxel v with every rate divided by its R: the exact relaxation over h/R, in double. */
    private float retardedStep(ReactionTable t, float c, int key, float alive, int v) {
        double exchange = exchangePerS(key, v);
        int code = VoxelKeys.cellCode(key);
        double lambda = relaxationPerS(key, c, alive, exchange);
        double source = SpeciesReactions.sourcePerS(exchange, exchange > 0 ? plasmaMean(t, v) : 0.0, alive,
                secretionPerS[code]);
        return (float) exactRelaxation(c, source, lambda, t.stepS / retardation[v]);
    }

    /**
     * A voxel not mapped in float: lumen by its double map (the plasma level exactly), a wall voxel by
     * {@link #integrateWall} with its own S/V, else {@link #integrate}.
     */
    float slowStep(ReactionTable t, float c, int key, float alive, int v) {
        int mode = t.mode[key];
        if (mode == ReactionTable.LUMEN) {
            return lumen(t, t, c, key, alive, v);
        }
        if (mode == ReactionTable.WALL) {
            return integrateWall(t, c, key, alive, v);
        }
        return integrate(t, c, key, alive);
    }

    /**
     * A lumen voxel after sub-step {@code last} ({@code map}: the table whose double map holds, {@code
     * last} itself or a composition ending with it): its group's plasma level at the end of {@code last}
     * where voxels carry plasma groups, else the map (the one level, exactly).
     */
    private float lumen(ReactionTable map, ReactionTable last, float c, int key, float alive, int v) {
        if (plasmaGroup == null) {
            return affineStep(map.affine, key, c, alive);
        }
        return crossesVessels ? (float) last.groupEnd[plasmaGroup[v]] : c;
    }

    /** The plasma curve's mean over sub-step t in the vessels voxel v exchanges with. */
    private double plasmaMean(ReactionTable t, int v) {
        return plasmaGroup == null ? t.plasmaMean : t.groupMean[plasmaGroup[v]];
    }

    /**
     * Sub-step t of wall voxel v, in double: every term of the key plus the exchange P·(S/V)_v with
     * the voxel's own wall area per volume (so no table can hold it), the Michaelis–Menten rate frozen at C.
     */
    float integrateWall(ReactionTable t, float c, int key, float alive, int v) {
        return (float) reactOne(t, c, key, alive, exchangePerS(key, v), plasmaMean(t, v));
    }

    /**
     * λh below which {@link #integrate} works in float with a series: the explicit step's reaction
     * sub-steps are far below it (λh ≈ 1e-3 for doxorubicin uptake at Km, 1e-6 for lactate).
     */
    static final float SMALL_STEP = 0x1p-5f;

    /**
     * The per-voxel integration of sub-step t (Michaelis–Menten rate frozen at C, viability-dependent
     * terms): the exact relaxation C + (S − λC)·h·(1 − e^(−λh))/(λh), for λh &lt; {@link #SMALL_STEP}
     * in float with (1 − e^(−x))/x from its series to x⁴ (truncation below x⁵/720 = 5e-11), so that
     * the vectorised loops ({@link VectorReactions}) compute it lane by lane with the same bits;
     * above, in double ({@link #reactOne}), as the large-step scheme does.
     */
    float integrate(ReactionTable t, float c, int key, float alive) {
        float[] p = t.perVoxel;
        int at = key * ReactionTable.VOXEL_STRIDE;
        float lambda = p[at] + alive * (p[at + 1] / (p[at + 2] + Math.max(c, 0f)) + p[at + 3]);
        float source = p[at + 4] + alive * p[at + 5];
        float x = lambda * t.stepF;
        if (x < SMALL_STEP) {
            return c + (source - lambda * c) * (t.stepF * integratedFraction(x));
        }
        return (float) reactOne(t, c, key, alive, 0.0, 0.0);
    }

    /** (1 − e^(−x))/x for 0 ≤ x &lt; {@link #SMALL_STEP}, Horner form of 1 − x/2 + x²/6 − x³/24 + x⁴/120. */
    static float integratedFraction(float x) {
        return 1f + x * (-0.5f + x * (1f / 6 + x * (-1f / 24 + x * (1f / 120))));
    }

    /**
     * Sub-step {@code first}, then {@code second}, on one voxel for which nothing reads the state in
     * between: {@code both} (their composition, see {@link ReactionTable#compose}) where the float map
     * holds; otherwise the two sub-steps one after the other, the intermediate rounded to float as if
     * it had been stored, the Michaelis–Menten rate of the second frozen at that intermediate value.
     */
    float stepTwo(ReactionTable first, ReactionTable second, ReactionTable both, float c, int key, float alive,
                  int v) {
        if (both.identity[key]) {
            return c;
        }
        if (retardation != null) {
            return step(second, step(first, c, key, alive, v), key, alive, v);
        }
        int mode = both.mode[key];
        if (ReactionTable.mappedInFloat(mode, alive)) {
            return ReactionTable.mapped(both.map, key * ReactionTable.MAP_STRIDE, c, alive);
        }
        if (mode == ReactionTable.LUMEN) {
            return lumen(both, second, c, key, alive, v);
        }
        if (mode == ReactionTable.WALL) {
            return integrateWall(second, integrateWall(first, c, key, alive, v), key, alive, v);
        }
        return integrate(second, integrate(first, c, key, alive), key, alive);
    }

    /** Runs the sub-step {@code t} on voxels vFrom ≤ v < vTo of {@code c}, in place ({@link #step}). */
    void apply(ReactionTable t, float[] c, byte[] keys, float[] viability, int vFrom, int vTo) {
        for (int v = vFrom; v < vTo; v++) {
            c[v] = step(t, c[v], keys[v], viability[v], v);
        }
    }

    /** The tabulated double map of a key: factor·C + sourceConst + viability·sourcePerAlive. */
    private static float affineStep(double[] affine, int key, float c, float alive) {
        int at = key * ReactionTable.STRIDE;
        return (float) (affine[at] * c + affine[at + 1] + alive * affine[at + 2]);
    }

    /** Runs sub-step {@code first} and then {@code second} on voxels vFrom ≤ v < vTo of {@code c}, in place ({@link #stepTwo}). */
    void applyTwo(ReactionTable first, ReactionTable second, ReactionTable both, float[] c, byte[] keys,
                  float[] viability, int vFrom, int vTo) {
        for (int v = vFrom; v < vTo; v++) {
            c[v] = stepTwo(first, second, both, c[v], keys[v], viability[v], v);
        }
    }

    /**
     * Sub-step {@code first} (if active), exposure += {@link #exposureIncrement} of the result, then sub-step
     * {@code second} (if active), per voxel in one sweep: the drug's path, whose intermediate state
     * (the split state at a step boundary) is what the exposure integrates. The intermediate is
     * rounded to float, as the stored state would be. The exposure is a Kahan-compensated float pair
     * ({@link #accumulate}).
     */
    void applyWithExposure(ReactionTable first, ReactionTable second, float[] c, byte[] keys, float[] viability,
                           float[] exposure, float[] compensation, float weightS, int vFrom, int vTo) {
        boolean a = first.active;
        boolean b = second.active;
        for (int v = vFrom; v < vTo; v++) {
            int key = keys[v];
            float alive = viability[v];
            float cv = a ? step(first, c[v], key, alive, v) : c[v];
            accumulate(exposure, compensation, v, exposureIncrement(first, second, cv, key, weightS, v));
            c[v] = b ? step(second, cv, key, alive, v) : cv;
        }
    }

    /**
     * The explicit scheme's exposure increment at a step boundary between sub-steps {@code first} and
     * {@code second}: the float product weightS·C (weightS: h/2 at a call's first and last boundary, h
     * between; the trapezoid of the boundary states), except in lumen of a species that crosses vessel
     * walls, which holds the plasma curve: there the curve's exact integral over the two active
     * sub-steps beside the boundary, h·C̄ each. Those sub-steps tile the call's time (Strang: the halves
     * of neighbouring steps; Lie: each step's reaction after its boundary), so a lumen's exposure is
     * ∫ plasma dt, and a step ending at a bolus start adds nothing for it (the trapezoid added h·peak/2).
     */
    float exposureIncrement(ReactionTable first, ReactionTable second, float c, int key, float weightS, int v) {
        if (!crossesVessels || VoxelKeys.cellCode(key) != VESSEL_CODE) {
            return weightS * c;
        }
        double integral = 0;
        if (first.active) {
            integral += lumenExposure(first, v);
        }
        if (second.active) {
            integral += lumenExposure(second, v);
        }
        return (float) integral;
    }

    /** The exposure of lumen voxel v over sub-step t: the plasma curve's integral there, h × its mean. */
    private double lumenExposure(ReactionTable t, int v) {
        return t.stepS * plasmaMean(t, v);
    }

    /** Whether any of the {@code n} voxels from {@code v} is lumen holding this species' plasma level. */
    boolean anyLumenHoldingPlasma(byte[] keys, int v, int n) {
        if (!crossesVessels) {
            return false;
        }
        for (int u = v; u < v + n; u++) {
            if (VoxelKeys.cellCode(keys[u]) == VESSEL_CODE) {
                return true;
            }
        }
        return false;
    }

    private static final int VESSEL_CODE = CellType.VESSEL.code();

    /**
     * The large-step scheme's drug pass: sub-step {@code first} (if active), then {@code second} (if
     * active), per voxel, with the exposure of each sub-step integrated exactly along its own time
     * course, (h − w1)·C_start + w1·C_end ({@link ExposureWeights}; w1 per key from the table, or from
     * the voxel's own λ where it depends on C or viability). The sub-steps tile time, so the exposure
     * of a run is the integral of the split solution, exact for any k·dt in a uniform field.
     */
    void applyWithExactExposure(ReactionTable first, ReactionTable second, float[] c, byte[] keys, float[] viability,
                                float[] exposure, float[] compensation, int vFrom, int vTo) {
        for (int v = vFrom; v < vTo; v++) {
            int key = keys[v];
            float alive = viability[v];
            float c0 = c[v];
            double auc = 0;
            float c1 = c0;
            if (first.present) {
                c1 = first.active ? step(first, c0, key, alive, v) : c0;
                auc += subStepExposure(first, c0, c1, key, alive, v);
            }
            float c2 = c1;
            if (second.present) {
                c2 = second.active ? step(second, c1, key, alive, v) : c1;
                auc += subStepExposure(second, c1, c2, key, alive, v);
            }
            accumulate(exposure, compensation, v, (float) auc);
            c[v] = c2;
        }
    }

    /**
     * The exposure of sub-step t from c0 to c1: (h − w1)·c0 + w1·c1, exact along the relaxation; in lumen
     * that holds the plasma curve, h × the curve's mean over the sub-step (its exact integral: the end
     * points' trapezoid would count half the peak × h for a sub-step ending at a bolus start).
     */
    private double subStepExposure(ReactionTable t, float c0, float c1, int key, float alive, int v) {
        if (!t.active) {
            return t.stepS / 2 * (c0 + c1);
        }
        if (crossesVessels && t.mode[key] == ReactionTable.LUMEN) {
            return lumenExposure(t, v);
        }
        double w1 = endWeight(t, c0, key, alive, v);
        return (t.stepS - w1) * c0 + w1 * c1;
    }

    /**
     * w1 of sub-step t for voxel v starting at c: the table's, or h·ω(λh) with the voxel's own λ (as
     * {@link #integrate}; a wall voxel's with its own exchange, as {@link #integrateWall}).
     */
    private double endWeight(ReactionTable t, float c, int key, float alive, int v) {
        double tabulated = t.endWeight[key];
        if (retardation != null && t.mode[key] != ReactionTable.LUMEN) {
            double lambda = relaxationPerS(key, c, alive, exchangePerS(key, v));
            return t.stepS * ExposureWeights.endShare(lambda * t.stepS / retardation[v]);
        }
        if (t.mode[key] == ReactionTable.AFFINE || t.mode[key] == ReactionTable.LUMEN) {
            return tabulated;
        }
        if (t.mode[key] == ReactionTable.WALL) {
            return t.stepS * ExposureWeights.endShare(relaxationPerS(key, c, alive, exchangePerS(key, v)) * t.stepS);
        }
        float[] p = t.perVoxel;
        int at = key * ReactionTable.VOXEL_STRIDE;
        double lambda = p[at] + alive * ((double) p[at + 1] / (p[at + 2] + Math.max(c, 0f)) + p[at + 3]);
        return t.stepS * ExposureWeights.endShare(lambda * t.stepS);
    }

    /**
     * exposure[v] += increment, Kahan-compensated: the sum is the float pair exposure − compensation
     * (compensation holds the negated part of the last additions that float could not hold), so over
     * millions of steps the exposure keeps float precision instead of stalling once each increment
     * falls below half an ulp of the sum, as a plain float sum would. Java float arithmetic is exact
     * IEEE single precision, so the compensation is not optimised away. 8 bytes per voxel where a
     * double accumulator beside the float field took 8 more; the same scheme as the OpenCL kernel.
     */
    static void accumulate(float[] exposure, float[] compensation, int v, float increment) {
        float sum = exposure[v];
        float y = increment - compensation[v];
        float t = sum + y;
        compensation[v] = (t - sum) - y;
        exposure[v] = t;
    }

    /** Rounds the pair of {@link #accumulate} to one float in exposure[v] and clears the compensation. */
    static void fold(float[] exposure, float[] compensation, int vFrom, int vTo) {
        for (int v = vFrom; v < vTo; v++) {
            exposure[v] = (float) ((double) exposure[v] - compensation[v]);
            compensation[v] = 0f;
        }
    }

    /**
     * The full per-voxel integration (Michaelis–Menten rate frozen at the sub-step start), with the
     * voxel's exchange rate P·(S/V), 1/s, and the plasma level it exchanges with.
     */
    private double reactOne(ReactionTable t, double cv, int key, double alive, double exchange, double plasmaMean) {
        int code = VoxelKeys.cellCode(key);
        double lambda = relaxationPerS(key, cv, alive, exchange);
        double source = SpeciesReactions.sourcePerS(exchange, plasmaMean, alive, secretionPerS[code]);
        return exactRelaxation(cv, source, lambda, t.stepS);
    }

    /** Whether vessel voxels of this species hold the plasma level (it crosses vessel walls). */
    boolean crossesVessels() {
        return crossesVessels;
    }

    /**
     * λ of voxel v (key {@code key}, not lumen) for the unsplit implicit step: every linear loss, its own
     * vessel exchange P·(S/V)_v, Michaelis–Menten at level {@code c}; 0 when no term acts. 1/s.
     */
    double lossRatePerS(int key, double c, float alive, int v) {
        return active ? relaxationPerS(key, c, alive, exchangePerS(key, v)) : 0.0;
    }

    /** S of voxel v for the unsplit implicit step: exchange P·(S/V)_v·C_plasma plus secretion, unit/s. */
    double sourcePerS(int key, float alive, int v, double plasmaLevel) {
        if (!active) {
            return 0.0;
        }
        return SpeciesReactions.sourcePerS(exchangePerS(key, v), plasmaLevel, alive, secretionPerS[VoxelKeys.cellCode(key)]);
    }

    /** λ of dC/dt = S − λC for a voxel of this key at level c, with vessel exchange {@code exchange} (1/s). */
    private double relaxationPerS(int key, double c, double alive, double exchange) {
        int code = VoxelKeys.cellCode(key);
        return SpeciesReactions.lossRatePerS(decayPerS, bindingPerS[code], exchange, alive, vmaxPerS[code], km[code], c,
                secretionRelaxPerS[code]);
    }

    /** Exact solution at time h of dC/dt = S − λC from C: C·e^(−λh) + S·h·(1 − e^(−λh))/(λh). */
    static double exactRelaxation(double c, double source, double lambda, double h) {
        double x = lambda * h;
        double e = Math.exp(-x);
        return c * e + source * h * ReactionKeyMap.integratedFraction(x, e);
    }

}
