package org.stromasim.scenario;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** The named law that turns local stiffness into a species' local diffusivity (YAML key {@code law}). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "law")
@JsonSubTypes({
        @JsonSubTypes.Type(value = DiffusivityLawSpec.Ogston.class, name = "ogston"),
        @JsonSubTypes.Type(value = DiffusivityLawSpec.Exponential.class, name = "exponential"),
        @JsonSubTypes.Type(value = DiffusivityLawSpec.FibreMatrix.class, name = "fibre_matrix")
})
public sealed interface DiffusivityLawSpec {

    /**
     * Ogston obstruction: D/D0 = exp(−√φ·(1 + r_s/r_f)), with fibre volume fraction φ from
     * stiffness by the power law E = E_ref·(φ/φ_ref)^n.
     *
     * @param fibreRadiusNm          r_f, collagen fibre radius, nm
     * @param referenceStiffnessKpa  E_ref, kPa
     * @param referenceFibreFraction φ_ref, fibre volume fraction at E_ref
     * @param stiffnessExponent      n (≈ 2–2.5 for collagen networks)
     */
    record Ogston(double fibreRadiusNm, double referenceStiffnessKpa, double referenceFibreFraction,
                  double stiffnessExponent) implements DiffusivityLawSpec {
    }

    /**
     * Empirical, size-independent: D/D0 = exp(−E/E_scale).
     *
     * @param stiffnessScaleKpa E_scale, kPa: the stiffness at which D falls to D0/e
     */
    record Exponential(double stiffnessScaleKpa) implements DiffusivityLawSpec {
    }

    /**
     * Fibre-matrix hindrance from the voxel's composition (collagen, glycosaminoglycan, cells): see
     * org.stromasim.matrix.FibreMatrixHindrance and docs/barrier-physics.md.
     *
     * @param collagenFibreRadiusNm r_col, collagen fibre radius, nm
     * @param gagFibreRadiusNm      r_gag, glycosaminoglycan chain radius, nm
     * @param composition           how stiffness and cell type set the composition
     */
    record FibreMatrix(double collagenFibreRadiusNm, double gagFibreRadiusNm, MatrixCompositionSpec composition)
            implements DiffusivityLawSpec {
    }
}
