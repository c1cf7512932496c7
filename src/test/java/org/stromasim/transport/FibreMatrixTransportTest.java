package org.stromasim.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.matrix.CompositionFields;
import org.stromasim.matrix.FibreMatrixReference;
import org.stromasim.scenario.DiffusivityLawSpec;
import org.stromasim.scenario.MatrixCompositionSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioException;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.scenario.SpeciesSpec;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;

/**
 * The shipped fibre-matrix scenario compiled: every voxel's diffusivity is D0 times the reference
 * hindrance of the composition that the reference power law gives for its stiffness and cell type.
 */
class FibreMatrixTransportTest {

    static final List<String> REDUCED = List.of("grid.voxel_um=40", "grid.nx=24", "grid.ny=24", "grid.nz=20");

    static Scenario barrier(String... more) {
        List<String> all = new java.util.ArrayList<>(REDUCED);
        all.addAll(List.of(more));
        return ScenarioLoader.load(Path.of("configs/fibrotic-barrier.yaml"), all);
    }

    @Test
    void everyVoxelsDiffusivityIsTheReferenceHindranceOfItsComposition() {
        Scenario s = barrier();
        DiffusivityLawSpec.FibreMatrix law = (DiffusivityLawSpec.FibreMatrix) s.ecm().diffusivityLaw();
        MatrixCompositionSpec c = law.composition();
        Tissue tissue = TissueBuilder.build(s);
        TransportModel model = TransportModel.compile(s, tissue);
        int[] seen = new int[CellType.COUNT];
        for (int sp = 0; sp < s.species().size(); sp++) {
            SpeciesSpec spec = s.species().get(sp);
            float[] d = TransportFields.of(model).diffusivityUm2PerS(sp);
            for (int v = 0; v < d.length; v++) {
                int code = tissue.cell()[v];
                seen[code]++;
                if (code == CellType.VESSEL.code()) {
                    assertEquals(0f, d[v], 0f);
                    continue;
                }
                double e = tissue.stiffnessKpa()[v];
                // collagen: E = E_ref·(φ/φ_ref)^n solved for φ, then capped
                double phiCol = Math.min(c.maxCollagenFraction(),
                        c.referenceCollagenFraction() * Math.exp(Math.log(e / c.referenceStiffnessKpa()) / c.stiffnessExponent()));
                double expected = spec.d0Um2PerS() * FibreMatrixReference.relativeDiffusivity(phiCol,
                        law.collagenFibreRadiusNm(), c.gagFraction().of(code), law.gagFibreRadiusNm(),
                        c.cellFraction().of(code), spec.stokesRadiusNm());
                // stored as float: half an ulp plus the double round-off of a few exp/log
                assertEquals(expected, d[v], 1e-7 * expected, spec.name() + " at voxel " + v);
            }
        }
        for (CellType t : new CellType[] {CellType.ECM, CellType.VESSEL, CellType.CANCER, CellType.FIBROBLAST, CellType.CAF}) {
            assertTrue(seen[t.code()] > 0, "the scenario has " + t.key() + " voxels");
        }
    }

    @Test
    void compositionFieldsFollowTheLaw() {
        Scenario s = barrier();
        Tissue tissue = TissueBuilder.build(s);
        CompositionFields f = CompositionFields.of(s, tissue).orElseThrow();
        for (int v = 0; v < tissue.cell().length; v++) {
            if (tissue.cell()[v] == CellType.CANCER.code()) {
                assertEquals(0.72f, f.cellFraction()[v], 0f);
                assertEquals(1.2e-3f, f.gagFraction()[v], 0f);
            }
            if (tissue.cell()[v] == CellType.VESSEL.code()) {
                assertEquals(0f, f.collagenFraction()[v], 0f);
            }
        }
        assertTrue(CompositionFields.of(ScenarioLoader.load(Path.of("configs/fibrotic-stroma.yaml"), REDUCED), tissue)
                .isEmpty(), "no composition fields for a law without a composition model");
    }

    @Test
    void aGagFractionOutsideTheFibreLawsIsRefusedWithItsPath() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> barrier("ecm.diffusivity_law.composition.gag_fraction.caf=0.5"));
        assertTrue(e.getMessage().contains("gag_fraction") && e.getMessage().contains("caf"), e.getMessage());
    }

    @Test
    void flowWithoutACompositionLawIsRefused() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(
                Path.of("configs/fibrotic-barrier.yaml"), List.of("ecm.diffusivity_law={law: exponential, stiffness_scale_kpa: 30}")));
        assertTrue(e.getMessage().contains("flow") && e.getMessage().contains("fibre_matrix"), e.getMessage());
    }
}
