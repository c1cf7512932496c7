package org.stromasim.scenario;

/**
 * Steady interstitial fluid flow (YAML {@code ecm.flow}; needs {@code law: fibre_matrix}, whose
 * composition sets the hydraulic conductivity). Sources of every default: docs/parameters.md,
 * section "Stromal barrier".
 *
 * @param viscosityPaS                interstitial fluid viscosity μ, Pa·s
 * @param vesselLpCmPerMmhgS          vessel wall hydraulic conductivity Lp, cm/(mmHg·s)
 * @param vesselPressureMmhg          microvascular pressure p_v, mmHg
 * @param reflectionCoefficient       osmotic reflection coefficient σ of plasma proteins, in [0, 1]
 * @param plasmaOncoticMmhg           plasma oncotic pressure π_v, mmHg
 * @param interstitialOncoticMmhg     interstitial oncotic pressure π_i, mmHg
 * @param lymphaticPerMmhgS           lymphatic drainage coefficient L_pL·S_L/V in ecm and fibroblast voxels (normal tissue), 1/(mmHg·s)
 * @param lymphPressureMmhg           lymphatic pressure p_L, mmHg
 * @param boundaryPressureMmhg        pressure held on every domain face not in {@code zeroFluxFaces} (far-field tissue), mmHg
 * @param zeroFluxFaces               faces with no fluid flux across them: symmetry planes of a domain cut out of a
 *                                    larger tumour (the tissue beyond is the same, so no net flow crosses)
 * @param convection                  solute convection by this flow, or {@code null}: the flow is an output only
 */
public record FlowSpec(double viscosityPaS, double vesselLpCmPerMmhgS, double vesselPressureMmhg,
                       double reflectionCoefficient, double plasmaOncoticMmhg, double interstitialOncoticMmhg,
                       double lymphaticPerMmhgS, double lymphPressureMmhg, double boundaryPressureMmhg,
                       java.util.Set<org.stromasim.grid.Face> zeroFluxFaces, ConvectionSpec convection) {

    public FlowSpec {
        zeroFluxFaces = java.util.Set.copyOf(zeroFluxFaces);
    }

    /** p_e = p_v − σ(π_v − π_i): the pressure a vessel wall filters toward, mmHg. */
    public double effectiveVesselPressureMmhg() {
        return vesselPressureMmhg - reflectionCoefficient * (plasmaOncoticMmhg - interstitialOncoticMmhg);
    }
}
