package org.stromasim.biology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.biology.AdaptiveSlowInterval.Choice;
import org.stromasim.biology.AdaptiveSlowInterval.Limit;
import org.stromasim.grid.Grid3D;
import org.stromasim.scenario.BiologySpec;
import org.stromasim.scenario.BiologySpec.InterventionKind;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;

/**
 * The adaptive slow clock's interval rule against cases worked by hand: the rate bounds of each law,
 * the power-of-two quantisation, the alignment with the current time and the cap.
 */
class AdaptiveSlowIntervalTest {

    private static final double BASE_S = 10.0;
    /** 10 s × 2^10. */
    private static final double MAX_S = 10240.0;
    private static final double TARGET = 0.1;

    private static BiologySpec spec(double activationPerS, double killPerS, List<BiologySpec.Intervention> interventions) {
        return new BiologySpec(BASE_S, "tgfb", "il6", "lactate",
                new BiologySpec.Activation(0.001, 0.005, 1, activationPerS),
                // CAF stiffening 1e-4 /s to 40 kPa, spread 6e-5 /s, enzyme 5e-4 /s to 3 kPa
                new BiologySpec.Remodelling(1e-4, 40.0, 6e-5, 5e-4, 3.0),
                new BiologySpec.DrugResponse(BiologySpec.Measure.EXPOSURE, 60, 1, killPerS, 0.1,
                        new BiologySpec.Il6Resistance(0.002, 1, 2.5), new BiologySpec.LactateTolerance(4.4, 3500)),
                interventions, null, new BiologySpec.SlowClock(TARGET, MAX_S));
    }

    /** A row of voxels with the given cells, all at 10 kPa. */
    private static Tissue row(CellType... cells) {
        Tissue t = new Tissue(new Grid3D(cells.length, 1, 1, 20.0), List.of("tgfb", "il6", "lactate"));
        for (int v = 0; v < cells.length; v++) {
            t.cell()[v] = cells[v].code();
            t.stiffnessKpa()[v] = 10f;
        }
        return t;
    }

    @Test
    void stiffnessBoundsTheStep() {
        Tissue t = row(CellType.CAF, CellType.ECM, CellType.ECM);
        AdaptiveSlowInterval clock = new AdaptiveSlowInterval(spec(0, 0, List.of()), false);
        // CAF voxel: 1e-4·(40 − 10)/10 = 3e-4 /s; its neighbour: (6e-5/6)·30/10 = 3e-5 /s
        assertEquals(3e-4, clock.stiffnessRatePerS(t), 1e-12);
        // 0.1 / 3e-4 = 333.3 s → 10·2^5 = 320 s
        Choice c = clock.choose(t, 0.0);
        assertEquals(320.0, c.intervalS());
        assertEquals(Limit.STIFFNESS, c.limit());
        assertEquals(333.333, c.boundS(), 1e-3);
    }

    @Test
    void aSoftVoxelBesideACafIsBoundedByTheSpread() {
        Tissue t = row(CellType.CAF, CellType.ECM);
        t.stiffnessKpa()[0] = 39f; // near the ceiling: 1e-4·1/39 = 2.56e-6 /s
        t.stiffnessKpa()[1] = 2f;  // one CAF neighbour of six: (6e-5/6)·38/2 = 1.9e-4 /s
        AdaptiveSlowInterval clock = new AdaptiveSlowInterval(spec(0, 0, List.of()), false);
        assertEquals(1.9e-4, clock.stiffnessRatePerS(t), 1e-12);
        // 0.1 / 1.9e-4 = 526 s → 10·2^5 = 320 s
        assertEquals(320.0, clock.choose(t, 0.0).intervalS());
    }

    @Test
    void theStrongestEnzymeAtAnyTimeCountsForSoftening() {
        Tissue t = row(CellType.CAF, CellType.ECM, CellType.ECM);
        var enzyme = List.of(new BiologySpec.Intervention(InterventionKind.ENZYME, 5000, 100, 0.5),
                new BiologySpec.Intervention(InterventionKind.ENZYME, 9000, 100, 0.8));
        AdaptiveSlowInterval clock = new AdaptiveSlowInterval(spec(0, 0, enzyme), false);
        // b = 5e-4·(1 − 0.5·0.2) = 4.5e-4; CAF: (1e-4·30 + 4.5e-4·7)/10 = 6.15e-4 /s
        assertEquals(6.15e-4, clock.stiffnessRatePerS(t), 1e-12);
        // 0.1 / 6.15e-4 = 162.6 s → 160 s
        assertEquals(160.0, clock.choose(t, 0.0).intervalS());
    }

    @Test
    void remainingFibroblastsBoundTheStepByTheirChanceOfActivation() {
        Tissue t = row(CellType.CAF, CellType.ECM, CellType.ECM, CellType.FIBROBLAST);
        AdaptiveSlowInterval clock = new AdaptiveSlowInterval(spec(1e-3, 0, List.of()), false);
        // −ln(0.9)/1e-3 = 105.4 s → 80 s
        Choice c = clock.choose(t, 0.0);
        assertEquals(80.0, c.intervalS());
        assertEquals(Limit.ACTIVATION, c.limit());
        assertEquals(-Math.log(0.9) / 1e-3, c.boundS(), 1e-9);
    }

    @Test
    void aFibroblastDoesNotBoundTheStiffnessStep() {
        // it stiffens only once it is a CAF: the bound covers the CAFs at the step start
        Tissue t = row(CellType.FIBROBLAST, CellType.ECM);
        AdaptiveSlowInterval clock = new AdaptiveSlowInterval(spec(1e-6, 0, List.of()), false);
        assertEquals(0.0, clock.stiffnessRatePerS(t));
        // activation bound −ln(0.9)/1e-6 = 105 361 s: capped at the maximum
        assertEquals(MAX_S, clock.choose(t, 0.0).intervalS());
        assertEquals(Limit.MAXIMUM, clock.choose(t, 0.0).limit());
    }

    @Test
    void livingCancerBoundsTheStepOnlyWhenTheDrugCanKill() {
        Tissue t = row(CellType.ECM, CellType.CANCER);
        AdaptiveSlowInterval killing = new AdaptiveSlowInterval(spec(0, 1e-3, List.of()), true);
        // −ln(0.9)/1e-3 = 105.4 s → 80 s
        assertEquals(80.0, killing.choose(t, 0.0).intervalS());
        assertEquals(Limit.VIABILITY, killing.choose(t, 0.0).limit());
        AdaptiveSlowInterval noDrug = new AdaptiveSlowInterval(spec(0, 1e-3, List.of()), false);
        assertEquals(MAX_S, noDrug.choose(t, 0.0).intervalS());
        assertEquals(Limit.MAXIMUM, noDrug.choose(t, 0.0).limit());
    }

    @Test
    void stepsGrowOnlyWhereTheyStayAligned() {
        Tissue t = row(CellType.CAF, CellType.ECM, CellType.ECM);
        AdaptiveSlowInterval clock = new AdaptiveSlowInterval(spec(0, 0, List.of()), false);
        // the bound allows 320 s (2^5 bases); t = 240 s = 24 bases = 3·2^3 → at most 2^3: 80 s
        assertEquals(80.0, clock.choose(t, 240.0).intervalS());
        assertEquals(Limit.ALIGNMENT, clock.choose(t, 240.0).limit());
        // t = 250 s = 25 bases (odd): one base
        assertEquals(10.0, clock.choose(t, 250.0).intervalS());
        // t = 2560 s = 256 bases: the full 320 s
        assertEquals(320.0, clock.choose(t, 2560.0).intervalS());
        // off the base grid (a closing step's end): one base, to the next multiple
        assertEquals(10.0, clock.choose(t, 2565.5).intervalS());
    }

    @Test
    void theStepIsNeverShorterThanTheBaseNorLongerThanTheMaximum() {
        Tissue fast = row(CellType.CAF, CellType.ECM);
        fast.stiffnessKpa()[0] = 0.5f; // 1e-4·39.5/0.5 = 7.9e-3 /s → 0.1/7.9e-3 = 12.7 s: one base
        AdaptiveSlowInterval clock = new AdaptiveSlowInterval(spec(0, 0, List.of()), false);
        assertEquals(10.0, clock.choose(fast, 0.0).intervalS());
        fast.stiffnessKpa()[0] = 0.4f; // 1e-4·39.6/0.4 = 9.9e-3 /s → 10.1 s: still one base
        assertEquals(10.0, clock.choose(fast, 0.0).intervalS());
        fast.stiffnessKpa()[0] = 0.3f; // 1e-4·39.7/0.3 → 7.6 s < base: the base, marked so
        assertEquals(10.0, clock.choose(fast, 0.0).intervalS());
        assertEquals(Limit.BASE, clock.choose(fast, 0.0).limit());
        Tissue still = row(CellType.ECM, CellType.ECM);
        assertEquals(0.0, clock.stiffnessRatePerS(still));
        assertEquals(MAX_S, clock.choose(still, 0.0).intervalS());
        assertEquals(Limit.MAXIMUM, clock.choose(still, 0.0).limit());
    }

    @Test
    void vesselVoxelsAreNotRemodelled() {
        Tissue t = row(CellType.CAF, CellType.VESSEL);
        t.cell()[0] = CellType.VESSEL.code();
        t.cell()[1] = CellType.CAF.code();
        t.stiffnessKpa()[0] = 0.01f; // would dominate if counted
        AdaptiveSlowInterval clock = new AdaptiveSlowInterval(spec(0, 0, List.of()), false);
        assertEquals(3e-4, clock.stiffnessRatePerS(t), 1e-12);
    }
}
