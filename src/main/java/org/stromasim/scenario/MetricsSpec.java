package org.stromasim.scenario;

/**
 * What metrics.csv measures (YAML section {@code metrics}).
 *
 * @param drugSpecies           the species whose penetration and exposure are reported (default {@code drug})
 * @param exposureThresholdUnitS exposure (AUC, concentration unit × s) above which a cancer voxel counts as exposed
 */
public record MetricsSpec(String drugSpecies, double exposureThresholdUnitS) {

    public static final MetricsSpec DEFAULT = new MetricsSpec("drug", 0.0);

    public MetricsSpec {
        drugSpecies = drugSpecies == null ? "drug" : drugSpecies;
    }
}
