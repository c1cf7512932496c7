package org.stromasim.metrics;

/**
 * The concentration-dependent sums behind one metrics row, as a backend reduces them (on the device,
 * so a metrics interval reads back a few numbers rather than the grid) or as {@link ReductionPlan#onHost}
 * computes them.
 *
 * @param speciesSum        per species, the sum of concentrations over tissue voxels (unit × voxels)
 * @param speciesMax        per species, the maximum over tissue voxels (−∞ when there are none)
 * @param tissueVoxels      number of tissue (non-vessel) voxels
 * @param drugShellSum      per vessel-distance shell, the sum of drug concentrations (empty without a drug species)
 * @param exposedCancer     cancer voxels whose drug exposure exceeds the plan's threshold
 * @param depthDrugSum      per depth shell below the tumour boundary, the sum of drug concentrations
 * @param depthExposureSum  per depth shell, the sum of drug exposures (unit·s × voxels)
 */
public record StateReductions(double[] speciesSum, double[] speciesMax, long tissueVoxels, double[] drugShellSum,
                              long exposedCancer, double[] depthDrugSum, double[] depthExposureSum) {
}
