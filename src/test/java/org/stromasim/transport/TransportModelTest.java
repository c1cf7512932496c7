package org.stromasim.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import org.junit.jupiter.api.Test;
import org.stromasim.grid.Face;
import org.stromasim.scenario.DiffusivityLawSpec;
import org.stromasim.scenario.PlasmaCurveSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.SpeciesSpec.BoundaryType;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;

class TransportModelTest {

    @Test
    void voxelDiffusivityFollowsTheLawAndIsZeroInVessels() {
        Scenario sc = scenario().grid(3, 1, 1, 10).law(new DiffusivityLawSpec.Ogston(20, 10, 0.05, 2))
                .with(species("drug").d0(117).stokesRadius(0.6))
                .with(species("igg").d0(62).stokesRadius(5.34)).build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        t.stiffnessKpa()[0] = 10f;     // φ = φ_ref = 0.05
        t.stiffnessKpa()[1] = 40f;     // φ = 0.05·(40/10)^(1/2) = 0.1
        t.cell()[2] = CellType.VESSEL.code();
        TransportModel m = TransportModel.compile(sc, t);
        // the compiled voxel value is D0 times the law (tested on its own in DiffusivityLawTest) at the
        // voxel's stiffness and the species' own radius
        OgstonLaw law = new OgstonLaw(20, 10, 0.05, 2);
        assertEquals(117 * law.relativeDiffusivity(10, 0.6), TransportFields.of(m).diffusivityUm2PerS(0)[0], 1e-4);
        assertEquals(62 * law.relativeDiffusivity(40, 5.34), TransportFields.of(m).diffusivityUm2PerS(1)[1], 1e-4);
        assertTrue(TransportFields.of(m).diffusivityUm2PerS(1)[0] / 62 < TransportFields.of(m).diffusivityUm2PerS(0)[0] / 117, "the larger solute is hindered more");
        // docs/parameters.md §2 (C): Ogston D/D0 for IgG with r_f = 20 nm at φ = 0.10 is 0.67
        assertEquals(0.67, TransportFields.of(m).diffusivityUm2PerS(1)[1] / 62, 0.005);
        assertEquals(0f, TransportFields.of(m).diffusivityUm2PerS(0)[2]);
        assertEquals(0f, TransportFields.of(m).diffusivityUm2PerS(1)[2]);
    }

    @Test
    void vesselWallAreaPerVolumeCountsSharedFaces() {
        Scenario sc = scenario().grid(3, 3, 1, 5).with(species("drug")).build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        t.cell()[sc.grid().toGrid().index(0, 1, 0)] = CellType.VESSEL.code();
        t.cell()[sc.grid().toGrid().index(2, 1, 0)] = CellType.VESSEL.code();
        TransportModel m = TransportModel.compile(sc, t);
        float[] sv = TransportFields.of(m).vesselSurfaceToVolumePerUm();
        assertEquals(2 / 5.0, sv[sc.grid().toGrid().index(1, 1, 0)], 1e-7);   // between two vessels
        assertEquals(1 / 5.0, sv[sc.grid().toGrid().index(0, 0, 0)], 1e-7);   // below one vessel
        assertEquals(0.0, sv[sc.grid().toGrid().index(1, 0, 0)], 1e-7);       // diagonal only
        assertEquals(0.0, sv[sc.grid().toGrid().index(0, 1, 0)], 1e-7);       // a vessel itself
    }

    @Test
    void drugSpeciesIndexIsFoundOrAbsent() {
        Scenario with = scenario().with(species("lactate")).with(species("drug")).build();
        assertEquals(1, TransportModel.compile(with, ScenarioFixture.emptyTissue(with)).drugSpeciesIndex().getAsInt());
        Scenario without = scenario().with(species("lactate")).build();
        assertTrue(TransportModel.compile(without, ScenarioFixture.emptyTissue(without)).drugSpeciesIndex().isEmpty());
    }

    @Test
    void stabilityLimitIsDxSquaredOverSixDmaxWithoutFixedFaces() {
        Scenario sc = scenario().grid(4, 4, 4, 10).with(species("lactate").d0(50)).with(species("drug").d0(117))
                .build();
        StabilityLimit limit = TransportFields.of(TransportModel.compile(sc, ScenarioFixture.emptyTissue(sc))).stabilityLimit();
        assertEquals(100.0 / (6 * 117), limit.dtMaxS(), 1e-12);
        assertEquals("drug", limit.speciesName());
        assertEquals(117, limit.dMaxUm2PerS(), 1e-4);
    }

    @Test
    void aFixedFaceCountsTwiceTheVoxelDiffusivity() {
        Scenario sc = scenario().grid(4, 4, 4, 10).with(species("drug").d0(100).fixed(Face.X_MIN, 1.0)).build();
        StabilityLimit limit = TransportFields.of(TransportModel.compile(sc, ScenarioFixture.emptyTissue(sc))).stabilityLimit();
        assertEquals(100.0 / (7 * 100), limit.dtMaxS(), 1e-12);
        assertTrue(limit.refusal(1.0).contains("fixed-value faces count 2·D"), limit.refusal(1.0));
    }

    @Test
    void aTooLargeStepIsRefusedWithTheNumbers() {
        Scenario sc = scenario().grid(4, 4, 4, 10).with(species("drug").d0(117)).build();
        TransportModel m = TransportModel.compile(sc, ScenarioFixture.emptyTissue(sc));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TransportFields.of(m).checkTimeStep(0.5));
        assertEquals("dt=0.5 s exceeds the explicit stability limit dx²/(6·Dmax)=0.142 s set by species drug "
                + "(Dmax=117 µm²/s, dx=10 µm)", e.getMessage());
        TransportFields.of(m).checkTimeStep(100.0 / (6 * 117));  // exactly at the limit is allowed
        assertEquals(0.9 * 100.0 / (6 * 117), TransportFields.of(m).timeStepS(sc.run()), 1e-12);
    }

    @Test
    void refreshDiffusivityFollowsStiffnessChangesInPlace() {
        Scenario sc = scenario().grid(2, 1, 1, 10).law(new DiffusivityLawSpec.Exponential(5))
                .with(species("drug").d0(100)).build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        TransportModel m = TransportModel.compile(sc, t);
        TransportFields fields = TransportFields.of(m);
        float[] live = fields.diffusivityUm2PerS(0);
        assertEquals(100f, live[1]);
        t.stiffnessKpa()[1] = 5f;
        fields.refreshDiffusivity(t);
        assertEquals(100 * Math.exp(-1), live[1], 1e-4);
        // stability is set by the remaining D = 100 voxel, whose one face is the harmonic mean
        double face = 2 * 100 * live[1] / (100 + live[1]);
        assertEquals(100.0 / face, fields.stabilityLimit().dtMaxS(), 1e-6);
    }

    @Test
    void badInputIsRefusedWithWhatAndWhere() {
        Scenario unpaired = scenario().grid(2, 1, 1, 10)
                .with(species("drug").d0(1).boundary(Face.X_MIN, BoundaryType.PERIODIC)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TransportModel.compile(unpaired, ScenarioFixture.emptyTissue(unpaired)));
        assertTrue(e.getMessage().contains("face x_min is periodic but the opposite face x_max is zero_flux"),
                e.getMessage());

        Scenario badKm = scenario().with(species("drug").uptake(CellType.CANCER, 1.0, 0.0)).build();
        e = assertThrows(IllegalArgumentException.class,
                () -> TransportModel.compile(badKm, ScenarioFixture.emptyTissue(badKm)));
        assertTrue(e.getMessage().contains("species drug: uptake.cancer.km must be a finite number > 0, got 0.0"),
                e.getMessage());

        Scenario badRate = scenario().with(species("drug").vessel(-1, new PlasmaCurveSpec.Constant(1))).build();
        e = assertThrows(IllegalArgumentException.class,
                () -> TransportModel.compile(badRate, ScenarioFixture.emptyTissue(badRate)));
        assertTrue(e.getMessage().contains("vessel.permeability_um_per_s must be a finite number >= 0, got -1.0"),
                e.getMessage());

        Scenario sc = scenario().grid(2, 1, 1, 10).with(species("drug")).build();
        Tissue wrongGrid = new Tissue(new org.stromasim.grid.Grid3D(3, 1, 1, 10), java.util.List.of("drug"));
        e = assertThrows(IllegalArgumentException.class, () -> TransportModel.compile(sc, wrongGrid));
        assertTrue(e.getMessage().contains("does not match the scenario grid"), e.getMessage());
    }
}
