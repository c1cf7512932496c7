package org.stromasim.transport;

import org.stromasim.matrix.CompositionLaw;
import org.stromasim.matrix.FibreMatrixHindrance;
import org.stromasim.matrix.MatrixComposition;
import org.stromasim.scenario.DiffusivityLawSpec;

/**
 * The {@code fibre_matrix} law: the voxel's composition from its stiffness and cell type
 * ({@link CompositionLaw}), then the fibre-matrix hindrance of that composition for the solute's
 * size ({@link FibreMatrixHindrance}).
 */
public final class FibreMatrixLaw implements DiffusivityLaw {

    private final DiffusivityLawSpec.FibreMatrix spec;
    private final CompositionLaw composition;
    private final FibreMatrixHindrance hindrance;

    public FibreMatrixLaw(DiffusivityLawSpec.FibreMatrix spec) {
        this.spec = spec;
        this.composition = new CompositionLaw(spec.composition());
        this.hindrance = new FibreMatrixHindrance(spec.collagenFibreRadiusNm(), spec.gagFibreRadiusNm());
    }

    public DiffusivityLawSpec.FibreMatrix spec() {
        return spec;
    }

    public CompositionLaw compositionLaw() {
        return composition;
    }

    public FibreMatrixHindrance hindrance() {
        return hindrance;
    }

    /** Refused: this law needs the voxel's cell type (cell and GAG fractions are per cell type). */
    @Override
    public double relativeDiffusivity(double stiffnessKpa, double stokesRadiusNm) {
        throw new UnsupportedOperationException("the fibre_matrix law needs the voxel's cell type");
    }

    @Override
    public double relativeDiffusivity(double stiffnessKpa, int cellCode, double stokesRadiusNm) {
        return hindrance.relativeDiffusivity(composition.composition(stiffnessKpa, cellCode), stokesRadiusNm);
    }

    /** D/D0 with the voxel's GAG fraction (of the extracellular space) given: the hyaluronan state. */
    public double relativeDiffusivityWithGag(double stiffnessKpa, int cellCode, double stokesRadiusNm, double gagFraction) {
        MatrixComposition c = composition.withGag(stiffnessKpa, cellCode, gagFraction);
        return hindrance.relativeDiffusivity(c, stokesRadiusNm);
    }
}
