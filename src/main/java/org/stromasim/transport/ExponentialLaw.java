package org.stromasim.transport;

/**
 * Empirical, size-independent hindrance D/D0 = exp(−E/E_scale): one parameter, for fitting a
 * measured D-versus-stiffness curve when the fibre picture is not wanted.
 */
public record ExponentialLaw(double stiffnessScaleKpa) implements DiffusivityLaw {

    public ExponentialLaw {
        if (!(stiffnessScaleKpa > 0)) {
            throw new IllegalArgumentException("exponential law needs stiffness_scale_kpa > 0, got " + stiffnessScaleKpa);
        }
    }

    @Override
    public double relativeDiffusivity(double stiffnessKpa, double stokesRadiusNm) {
        return Math.exp(-Math.max(stiffnessKpa, 0.0) / stiffnessScaleKpa);
    }
}
