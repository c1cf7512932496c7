package org.stromasim.transport;

import org.stromasim.scenario.DiffusivityLawSpec;

/**
 * How local matrix stiffness hinders a solute: returns D/D0 in (0, 1] for a stiffness and a
 * solute size. Evaluated once per voxel and species when the model is compiled (and again when the
 * matrix remodels), never in the transport inner loop.
 */
public interface DiffusivityLaw {

    /**
     * @param stiffnessKpa   local ECM stiffness, kPa (≥ 0)
     * @param stokesRadiusNm solute Stokes radius, nm (≥ 0)
     * @return D/D0, in (0, 1]
     */
    double relativeDiffusivity(double stiffnessKpa, double stokesRadiusNm);

    /**
     * D/D0 in a voxel of a cell type; laws of stiffness alone ignore the cell type.
     *
     * @param cellCode the voxel's {@link org.stromasim.tissue.CellType} code
     */
    default double relativeDiffusivity(double stiffnessKpa, int cellCode, double stokesRadiusNm) {
        return relativeDiffusivity(stiffnessKpa, stokesRadiusNm);
    }

    /** The law a scenario names. */
    static DiffusivityLaw of(DiffusivityLawSpec spec) {
        if (spec instanceof DiffusivityLawSpec.Ogston o) {
            return new OgstonLaw(o.fibreRadiusNm(), o.referenceStiffnessKpa(), o.referenceFibreFraction(),
                    o.stiffnessExponent());
        }
        if (spec instanceof DiffusivityLawSpec.Exponential e) {
            return new ExponentialLaw(e.stiffnessScaleKpa());
        }
        if (spec instanceof DiffusivityLawSpec.FibreMatrix f) {
            return new FibreMatrixLaw(f);
        }
        throw new IllegalArgumentException("unknown diffusivity law " + spec);
    }
}
