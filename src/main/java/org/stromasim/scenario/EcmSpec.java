package org.stromasim.scenario;

/**
 * Extracellular matrix (YAML section {@code ecm}).
 *
 * @param diffusivityLaw how stiffness slows each species
 * @param stiffnessKpa   baseline stiffness per tissue region, kPa
 * @param noise          optional spatial heterogeneity of stiffness ({@code null} = uniform per region)
 * @param flow           optional steady interstitial flow ({@code null} = none)
 * @param vesselCompression optional compression of vessels by solid stress ({@code null} = vessels always open)
 * @param hyaluronan     optional hyaluronan turnover, which makes the GAG level a state of the slow clock
 *                       ({@code null} = the GAG fractions stay as given)
 */
public record EcmSpec(DiffusivityLawSpec diffusivityLaw, RegionStiffness stiffnessKpa, StiffnessNoise noise,
                      FlowSpec flow, VesselCompressionSpec vesselCompression, HyaluronanSpec hyaluronan) {

    /** The hydraulic conductivity comes from the matrix composition, which only the fibre_matrix law has. */
    public EcmSpec {
        if (flow != null && !(diffusivityLaw instanceof DiffusivityLawSpec.FibreMatrix)) {
            throw new IllegalArgumentException("ecm.flow needs ecm.diffusivity_law.law: fibre_matrix (the matrix"
                    + " composition sets the hydraulic conductivity)");
        }
        if (hyaluronan != null && !(diffusivityLaw instanceof DiffusivityLawSpec.FibreMatrix)) {
            throw new IllegalArgumentException("ecm.hyaluronan needs ecm.diffusivity_law.law: fibre_matrix (only its"
                    + " composition has a GAG fraction)");
        }
    }

    /** Without vessel compression or hyaluronan turnover. */
    public EcmSpec(DiffusivityLawSpec diffusivityLaw, RegionStiffness stiffnessKpa, StiffnessNoise noise, FlowSpec flow) {
        this(diffusivityLaw, stiffnessKpa, noise, flow, null, null);
    }

    /** Without interstitial flow. */
    public EcmSpec(DiffusivityLawSpec diffusivityLaw, RegionStiffness stiffnessKpa, StiffnessNoise noise) {
        this(diffusivityLaw, stiffnessKpa, noise, null, null, null);
    }

    /**
     * Stiffness per region, kPa.
     *
     * @param normal  interstitium away from tumour nests
     * @param stroma  the fibrotic shell around each tumour nest
     * @param tumour  inside a tumour nest
     */
    public record RegionStiffness(double normal, double stroma, double tumour) {
    }

    /**
     * Multiplicative log-normal texture: stiffness × exp(σ·g − σ²/2), where g is a smooth Gaussian
     * random field of unit variance (so the mean stiffness is unchanged).
     *
     * @param relativeSd      σ, the standard deviation of log-stiffness
     * @param correlationUm   correlation length of g across fibres, µm
     * @param fibreDirection  optional fibre axis (x, y, z); {@code null} = isotropic texture
     * @param fibreElongation correlation length along the fibre axis ÷ across it (≥ 1; 1 = isotropic)
     */
    public record StiffnessNoise(double relativeSd, double correlationUm, Vec3 fibreDirection, Double fibreElongation) {
        public StiffnessNoise {
            fibreElongation = fibreElongation == null ? 1.0 : fibreElongation;
        }
    }
}
