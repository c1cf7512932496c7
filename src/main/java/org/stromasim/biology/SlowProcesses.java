package org.stromasim.biology;

import org.stromasim.scenario.BiologySpec;
import org.stromasim.scenario.BiologySpec.InterventionKind;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.TransportFields;

/**
 * The biology slow step of a scenario, run by the time loop every {@code biology.slow_interval_s}
 * between transport advances, on the flat state arrays. One step over [t₀, t₁]:
 * <ol>
 *   <li>fibroblast activation by the TGF-β at t₁ ({@link FibroblastActivation});</li>
 *   <li>matrix remodelling, new CAFs included ({@link MatrixRemodelling});</li>
 *   <li>drug kill of cancer voxels ({@link DrugResponse});</li>
 *   <li>with {@code ecm.hyaluronan}: hyaluronan deposition, turnover and degradation per voxel for the cells after
 *       the kill ({@link HyaluronanTurnover}, through {@link MatrixTreatment});</li>
 *   <li>the kill by cytotoxic ER antagonists ({@link EndocrineResponse}, with {@code biology.endocrine});</li>
 *   <li>the backend's matrix state ({@link TransportFields}) is set from the new stiffness, cells and hyaluronan:
 *       diffusivity and, with vessel compression, the perfused vessel wall; the MCT1 inhibition of the
 *       next interval is applied to the cancer cells' lactate uptake.</li>
 * </ol>
 * Intervention strengths are taken at the step midpoint. The transport sees interventions and new
 * cell codes with the resolution of the slow clock. Nothing here keeps per-voxel state of its own: the
 * state is cells, stiffness, hyaluronan, viability, concentrations and exposure, all stored in snapshots, and the
 * step index is t₁/interval, so a resumed run continues exactly.
 */
public final class SlowProcesses {

    private final Scenario scenario;
    private final BiologySpec spec;
    private final long seed;
    private final int tgfb;
    private final int il6;
    private final int lactate;
    private final int drug;
    private final InterventionLevels interventions;
    private final FibroblastActivation activation;
    private final MatrixRemodelling remodelling;
    private final DrugResponse response;
    private final MatrixTreatment matrix;
    /** ER pharmacodynamics, or null without {@code biology.endocrine}. */
    private final EndocrineResponse endocrine;
    /** The adaptive slow clock, or null for a step every slow_interval_s. */
    private final AdaptiveSlowInterval adaptive;

    public SlowProcesses(Scenario scenario) {
        this.scenario = scenario;
        this.spec = scenario.biology();
        if (spec == null) {
            throw new IllegalArgumentException("scenario " + scenario.name() + " has no biology section");
        }
        this.seed = scenario.run().seed();
        this.tgfb = scenario.speciesIndex(spec.tgfbSpecies());
        this.il6 = scenario.speciesIndex(spec.il6Species());
        this.lactate = scenario.speciesIndex(spec.lactateSpecies());
        this.drug = scenario.speciesIndex(scenario.metrics().drugSpecies());
        this.interventions = new InterventionLevels(spec.interventions());
        this.activation = new FibroblastActivation(spec.activation());
        this.remodelling = new MatrixRemodelling(spec.remodelling());
        this.response = new DrugResponse(spec.drugResponse());
        this.matrix = MatrixTreatment.of(scenario);
        this.endocrine = spec.endocrine() == null ? null : new EndocrineResponse(scenario);
        this.adaptive = spec.slowClock() == null ? null : new AdaptiveSlowInterval(spec, drug >= 0);
    }

    /** The slow interval (with an adaptive clock: the shortest step, and the quantum of every step). */
    public double intervalS() {
        return spec.slowIntervalS();
    }

    public InterventionLevels interventions() {
        return interventions;
    }

    /** The matrix co-therapies (collagen blockade and degradation, hyaluronan turnover). */
    public MatrixTreatment matrix() {
        return matrix;
    }

    /** After a device slow step: the compressed vessels of the new stiffness and hyaluronan (host side). */
    void recompressAfterDeviceStep(Tissue host, TransportFields fields) {
        fields.recompressVessels(host);
    }

    public DrugResponse response() {
        return response;
    }

    /** The ER pharmacodynamics, or null without {@code biology.endocrine}. */
    public EndocrineResponse endocrine() {
        return endocrine;
    }

    /** The scenario whose biology section this runs (its laws, species and seed). */
    public Scenario scenario() {
        return scenario;
    }

    /** The seed of the activation draws (the scenario's {@code run.seed}). */
    public long seed() {
        return seed;
    }

    /**
     * Sets in {@code fields} what the transport needs from the interventions at {@code timeS}: the lactate
     * uptake of cancer cells scaled by 1 − MCT1 inhibition. Called at the start of a run and after every step.
     */
    public void applyInterventionsAt(double timeS, TransportFields fields) {
        fields.scaleUptake(lactate, CellType.CANCER,
                1.0 - interventions.at(InterventionKind.MCT1_INHIBITOR, timeS));
    }

    /** The update for the slow step ending at {@code endS} (it covers the slow interval before it). */
    public SlowStep stepEndingAt(double endS) {
        return new SlowStep(this, Math.max(0.0, endS - spec.slowIntervalS()), endS);
    }

    /** The update for the slow step over [startS, endS] (an adaptive clock's step; on the base grid). */
    public SlowStep stepBetween(double startS, double endS) {
        return new SlowStep(this, startS, endS);
    }

    /**
     * The clock that chooses each step's length ({@code biology.slow_clock}), or null for a fixed
     * interval.
     */
    public AdaptiveSlowInterval adaptiveClock() {
        return adaptive;
    }

    /**
     * Runs the slow step over [startS, endS] on {@code state} and {@code fields} (see the class comment for
     * the order).
     */
    public void step(Tissue state, double startS, double endS, TransportFields fields) {
        step(state, new SlowStep(this, startS, endS), fields);
    }

    /** Runs {@code at} on {@code state} and {@code fields} (see the class comment for the order). */
    public void step(Tissue state, SlowStep at, TransportFields fields) {
        double startS = at.startS();
        double endS = at.endS();
        double dt = at.dtS();
        if (dt > 0) {
            byte[] cell = state.cell();
            double tgfbSignal = 1.0 - at.level(InterventionKind.TGFB_INHIBITOR);
            activation.step(cell, state.concentration(tgfb), dt, tgfbSignal, seed, at.index());
            remodelling.step(state.grid(), cell, state.stiffnessKpa(), dt, at.collagenDepositionBlock(),
                    at.collagenDegradation());
            if (drug >= 0) {
                float[] measure = response.onExposure() ? state.drugExposure() : state.concentration(drug);
                response.step(cell, state.viability(), measure, state.concentration(il6), state.concentration(lactate),
                        dt, at.level(InterventionKind.IL6R_BLOCKER), at.level(InterventionKind.MCT1_INHIBITOR));
            }
            if (state.gagFraction() != null) {
                matrix.stepHyaluronan(cell, state.gagFraction(), startS, endS);
            }
            if (endocrine != null) {
                endocrine.killStep(state, startS, endS);
            }
            fields.applyMatrixState(state);
        }
        applyInterventionsAt(endS, fields);
    }
}
