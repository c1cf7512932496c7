package org.stromasim.biology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.stromasim.transport.TransportFields;
import org.stromasim.backend.java.JavaBackend;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportModel;

/** What the backends do with a biology scenario. */
class BiologyBackendTest {

    private static Scenario fibrotic() {
        return ScenarioLoader.load(Path.of("configs/fibrotic-stroma.yaml"), ScenarioComparisonTest.REDUCED);
    }

    @Test
    void aFibroblastActivatedInTheSlowStepStartsSecretingAndADeadVoxelStopsUptake() {
        Scenario s = fibrotic();
        Tissue tissue = TissueBuilder.build(s);
        TransportModel model = TransportModel.compile(s, tissue);
        int fibroblast = -1;
        int cancer = -1;
        for (int v = 0; v < tissue.cell().length; v++) {
            if (fibroblast < 0 && tissue.cell()[v] == CellType.FIBROBLAST.code()) {
                fibroblast = v;
            }
            if (cancer < 0 && tissue.cell()[v] == CellType.CANCER.code()) {
                cancer = v;
            }
        }
        int f = fibroblast;
        int c = cancer;
        int tgfb = s.speciesIndex("tgfb");
        int lactate = s.speciesIndex("lactate");
        double dt = TransportFields.of(model).timeStepS(s.run());
        Tissue control = tissue.copy();
        try (JavaBackend backend = new JavaBackend(model, 1)) {
            backend.upload(control);
            backend.advance(0.0, dt, 1);
            backend.download(control);
            backend.upload(tissue);
            backend.updateState(tissue, state -> {
                state.cell()[f] = CellType.CAF.code();
                state.cell()[c] = CellType.DEAD.code();
            });
            backend.advance(0.0, dt, 1);
            backend.download(tissue);
        }
        // tgfb starts at 0 and only CAFs secrete it
        assertEquals(0f, control.concentration(tgfb)[f], 0f);
        assertTrue(tissue.concentration(tgfb)[f] > 0, "the new CAF secretes TGF-β");
        // one step of MCT1 uptake at 1 mM: Vmax·L/(Km + L)·dt = 5·1000/4500·dt µM, missing in the dead voxel
        double uptake = 5.0 * 1000 / 4500 * dt;
        double kept = tissue.concentration(lactate)[c] - control.concentration(lactate)[c];
        // (Strang: half of it before the diffusion sub-step, which at dt = 0.9·dx²/(6D) shares most of a local
        // excess with the six neighbours; so between half and all of it stays in the voxel)
        assertTrue(kept > 0.5 * uptake && kept <= 1.001 * uptake, "the dead voxel took up no lactate: kept " + kept
                + " µM of one step's uptake " + uptake + " µM");
    }

    @Test
    void mct1InhibitionScalesTheCancerLactateUptakeOnTheSlowClock() {
        Scenario s = ScenarioLoader.load(Path.of("configs/fibrotic-mct1-inhibitor.yaml"), ScenarioComparisonTest.REDUCED);
        Tissue tissue = TissueBuilder.build(s);
        TransportModel model = TransportModel.compile(s, tissue);
        SlowProcesses slow = new SlowProcesses(s);
        TransportFields fields = TransportFields.of(model);
        slow.applyInterventionsAt(0.0, fields);
        assertEquals(0.1, fields.uptakeScale(s.speciesIndex("lactate"))[CellType.CANCER.code()], 1e-12);
        slow.applyInterventionsAt(86400.0, fields); // the window (start 0, duration 86400 s) has closed
        assertEquals(1.0, fields.uptakeScale(s.speciesIndex("lactate"))[CellType.CANCER.code()], 0.0);
    }
}
