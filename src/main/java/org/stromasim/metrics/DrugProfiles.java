package org.stromasim.metrics;

import org.stromasim.tissue.Tissue;

/**
 * The drug's four profiles in one state: concentration and exposure against the distance to the nearest
 * vessel (over tissue voxels) and against the depth below the tumour boundary (over tumour voxels), by
 * the same shells and sums as the metrics ({@link ReductionPlan#onHost}). For reports drawn from a
 * snapshot.
 */
public record DrugProfiles(PenetrationProfile concentrationByVesselDistance, PenetrationProfile exposureByVesselDistance,
                           PenetrationProfile concentrationByDepth, PenetrationProfile exposureByDepth) {

    /** The profiles of species {@code drugSpecies} (its index in {@code state}) and of the drug exposure. */
    public static DrugProfiles of(Tissue state, int drugSpecies) {
        ReductionPlan plan = ReductionPlan.of(state, drugSpecies, Double.POSITIVE_INFINITY);
        StateReductions r = plan.onHost(state);
        long[] shellCount = new long[plan.shellCount()];
        for (int b = 0; b < shellCount.length; b++) {
            shellCount[b] = plan.shellVoxels(b);
        }
        long[] depthCount = new long[plan.depthShellCount()];
        for (int t = 0; t < depthCount.length; t++) {
            depthCount[t] = plan.depthShellVoxels(t);
        }
        double[] exposureByShell = plan.sumsByVesselShell(state, state.drugExposure());
        double dx = plan.voxelUm();
        return new DrugProfiles(PenetrationProfile.fromShellSums(dx, r.drugShellSum(), shellCount),
                PenetrationProfile.fromShellSums(dx, exposureByShell, shellCount),
                PenetrationProfile.fromShellSums(dx, r.depthDrugSum(), depthCount),
                PenetrationProfile.fromShellSums(dx, r.depthExposureSum(), depthCount));
    }
}
