package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.transport.TransportFields;
import org.stromasim.metrics.MetricsCalculator;
import org.stromasim.metrics.MetricsRow;
import org.stromasim.metrics.ReductionPlan;
import org.stromasim.metrics.StateReductions;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportModel;

/**
 * The metrics reduced on the device equal the host's reduction of the downloaded state: sums within
 * 1e-5 relative (float partial sums against double), maxima and counts exactly, vessel-distance and
 * tumour-depth shells alike; and so every column of the metrics row.
 */
@EnabledIfOpenClOrCi
class DeviceMetricsParityTest {

    @Test
    void deviceReductionsMatchTheHostOnTheDefaultScenarioAfterTheBolus() {
        // Start during the bolus so the drug has a real penetration profile and cancer voxels are exposed.
        Scenario scenario = ScenarioLoader.load(Path.of("configs/default.yaml"),
                List.of("metrics.exposure_threshold_unit_s=1e-4"));
        Tissue state = TissueBuilder.build(scenario);
        TransportModel model = TransportModel.compile(scenario, state);
        MetricsCalculator metrics = new MetricsCalculator(scenario);
        ReductionPlan plan = metrics.reductionPlan(state);
        double dt = TransportFields.of(model).timeStepS(scenario.run());
        try (OpenClBackend backend = new OpenClBackend(model, OpenClTestDevice.get())) {
            backend.upload(state);
            backend.advance(60.0, dt, 200);
            StateReductions device = backend.reduce(plan, state);
            backend.download(state);
            StateReductions host = plan.onHost(state);

            assertEquals(host.tissueVoxels(), device.tissueVoxels());
            for (int s = 0; s < state.speciesCount(); s++) {
                assertEquals(host.speciesSum()[s], device.speciesSum()[s], 1e-5 * Math.abs(host.speciesSum()[s]) + 1e-30,
                        "sum of " + state.speciesNames().get(s));
                assertEquals(host.speciesMax()[s], device.speciesMax()[s], 0.0, "max of " + state.speciesNames().get(s));
            }
            assertEquals(plan.shellCount(), device.drugShellSum().length);
            for (int b = 0; b < plan.shellCount(); b++) {
                assertEquals(host.drugShellSum()[b], device.drugShellSum()[b],
                        1e-5 * Math.abs(host.drugShellSum()[b]) + 1e-30, "drug sum in shell " + b);
            }
            assertTrue(host.exposedCancer() > 0 && host.exposedCancer() < plan.cancerVoxels(),
                    "the threshold splits the cancer voxels: " + host.exposedCancer() + " of " + plan.cancerVoxels());
            assertEquals(host.exposedCancer(), device.exposedCancer(), 0.0);
            assertTrue(plan.depthShellCount() > 5, "the nest is several voxels deep: " + plan.depthShellCount());
            assertEquals(plan.depthShellCount(), device.depthDrugSum().length);
            assertEquals(plan.depthShellCount(), device.depthExposureSum().length);
            assertTrue(host.depthExposureSum()[0] > 0, "the rim has seen drug");
            for (int t = 0; t < plan.depthShellCount(); t++) {
                assertEquals(host.depthDrugSum()[t], device.depthDrugSum()[t],
                        1e-5 * Math.abs(host.depthDrugSum()[t]) + 1e-30, "drug sum in depth shell " + t);
                assertEquals(host.depthExposureSum()[t], device.depthExposureSum()[t],
                        1e-5 * Math.abs(host.depthExposureSum()[t]) + 1e-30, "exposure sum in depth shell " + t);
            }

            MetricsRow fromHost = metrics.measure(state, 0.0);
            MetricsRow fromDevice = metrics.measure(state, 0.0, plan, device);
            for (String column : fromHost.columns()) {
                double h = fromHost.value(column);
                double d = fromDevice.value(column);
                assertEquals(h, d, Double.isNaN(h) ? 0.0 : 1e-5 * Math.abs(h) + 1e-12, column);
            }
            assertTrue(Double.isFinite(fromHost.value("drug_exposure_half_depth_um"))
                            || Double.isFinite(fromHost.value("drug_exposure_half_depth_beyond_um")),
                    "the exposure half-depth is a number or a 'beyond' bound");
        }
    }

    @Test
    void aPlanRebuiltAfterCellsDieIsReducedOnTheDeviceLikeOnTheHost() {
        Scenario scenario = ScenarioLoader.load(Path.of("configs/default.yaml"),
                List.of("metrics.exposure_threshold_unit_s=1e-4"));
        Tissue state = TissueBuilder.build(scenario);
        TransportModel model = TransportModel.compile(scenario, state);
        MetricsCalculator metrics = new MetricsCalculator(scenario);
        double dt = TransportFields.of(model).timeStepS(scenario.run());
        try (OpenClBackend backend = new OpenClBackend(model, OpenClTestDevice.get())) {
            backend.upload(state);
            backend.advance(60.0, dt, 100);
            ReductionPlan before = metrics.reductionPlan(state);
            backend.reduce(before, state);
            assertTrue(metrics.reductionPlan(state) == before, "unchanged cells keep the plan");

            // Kill every other cancer voxel, as the slow step would: a new plan with fewer cancer voxels.
            backend.download(state);
            byte[] cell = state.cell();
            int killed = 0;
            for (int v = 0; v < cell.length; v++) {
                if (cell[v] == org.stromasim.tissue.CellType.CANCER.code() && (v & 1) == 0) {
                    cell[v] = org.stromasim.tissue.CellType.DEAD.code();
                    killed++;
                }
            }
            backend.upload(state);
            ReductionPlan after = metrics.reductionPlan(state);
            assertTrue(after != before, "changed cells give a new plan");
            assertEquals(before.cancerVoxels() - killed, after.cancerVoxels());
            StateReductions device = backend.reduce(after, state);
            StateReductions host = after.onHost(state);
            assertEquals(host.exposedCancer(), device.exposedCancer(), 0.0);
            for (int t = 0; t < after.depthShellCount(); t++) {
                assertEquals(host.depthExposureSum()[t], device.depthExposureSum()[t],
                        1e-5 * Math.abs(host.depthExposureSum()[t]) + 1e-30, "exposure sum in depth shell " + t);
            }
        }
    }
}
