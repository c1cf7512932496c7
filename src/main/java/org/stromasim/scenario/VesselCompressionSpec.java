package org.stromasim.scenario;

/**
 * Compression of vessels by solid stress (YAML {@code ecm.vessel_compression}).
 *
 * <p>The compressive solid stress on a vessel wall in a tissue voxel is its stiffness times the growth strain
 * of the voxel's cell type, of which a share is carried by swelling hyaluronan (so it scales with the GAG
 * level): σ = ε(cell)·E·(1 − w + w·g). The vessel's cross-section then follows the collapsible-tube law
 * (see {@code matrix.VesselCompression}) with the collapse pressure given here.
 *
 * @param growthStrain          ε per cell type (0 = the cell type bears no growth-induced stress)
 * @param hyaluronanStressShare w, the share of the solid stress that hyaluronan carries, 0..1
 * @param collapsePressureKpa   K_p of the tube law, kPa (the compressive load at which the lumen area halves
 *                              is K_p·(0.5^−1.5 − 0.5^10) ≈ 2.83·K_p)
 */
public record VesselCompressionSpec(MatrixCompositionSpec.PerCellType growthStrain, double hyaluronanStressShare,
                                    double collapsePressureKpa) {

    public VesselCompressionSpec {
        growthStrain.requireWithin("growth_strain", 0.0, 1.0);
        if (!(hyaluronanStressShare >= 0 && hyaluronanStressShare <= 1)) {
            throw new IllegalArgumentException("hyaluronan_stress_share must be in [0, 1], got " + hyaluronanStressShare);
        }
        if (!(collapsePressureKpa > 0) || !Double.isFinite(collapsePressureKpa)) {
            throw new IllegalArgumentException("collapse_pressure_kpa must be a finite number > 0, got "
                    + collapsePressureKpa);
        }
    }
}
