package org.stromasim.transport;

import java.util.Map;
import org.stromasim.scenario.SpeciesSpec;
import org.stromasim.scenario.SpeciesSpec.SecretionSpec;
import org.stromasim.scenario.SpeciesSpec.UptakeSpec;
import org.stromasim.tissue.CellType;

/**
 * The reaction coefficients of one species, flattened into arrays indexed by cell code
 * ({@link CellType#code()}) so that the per-voxel update does no map lookups or virtual calls.
 * Each term is later put in the form dC/dt = S − λ·C (see the backend). The arrays are the model's
 * own: backends copy them and nobody modifies them.
 *
 * @param decayPerS               first-order decay everywhere, 1/s
 * @param bindingPerS             linear binding by cell code, 1/s
 * @param uptakeVmaxPerS          Michaelis–Menten Vmax by cell code, unit/s (0 = no uptake)
 * @param uptakeKm                Michaelis–Menten Km by cell code, unit (1 where there is no uptake)
 * @param secretionPerS           secretion rate by cell code, unit/s
 * @param secretionRelaxPerS      rate/saturation by cell code, 1/s (0 = no saturation)
 * @param permeabilityUmPerS      vessel wall permeability P, µm/s (0 = does not cross vessel walls)
 */
public record SpeciesReactions(double decayPerS, double[] bindingPerS, double[] uptakeVmaxPerS, double[] uptakeKm,
                               double[] secretionPerS, double[] secretionRelaxPerS, double permeabilityUmPerS) {

    static SpeciesReactions of(SpeciesSpec species) {
        String who = "species " + species.name();
        requireRate(who + ": decay_per_s", species.decayPerS());
        double[] binding = new double[CellType.COUNT];
        double[] vmax = new double[CellType.COUNT];
        double[] km = new double[CellType.COUNT];
        double[] secretion = new double[CellType.COUNT];
        double[] relax = new double[CellType.COUNT];
        java.util.Arrays.fill(km, 1.0);
        for (Map.Entry<CellType, Double> e : species.bindingPerS().entrySet()) {
            requireRate(who + ": binding_per_s." + e.getKey().key(), e.getValue());
            binding[e.getKey().code()] = e.getValue();
        }
        for (Map.Entry<CellType, UptakeSpec> e : species.uptake().entrySet()) {
            UptakeSpec u = e.getValue();
            requireRate(who + ": uptake." + e.getKey().key() + ".vmax_per_s", u.vmaxPerS());
            if (!(u.km() > 0) || !Double.isFinite(u.km())) {
                throw new IllegalArgumentException(who + ": uptake." + e.getKey().key()
                        + ".km must be a finite number > 0, got " + u.km());
            }
            vmax[e.getKey().code()] = u.vmaxPerS();
            km[e.getKey().code()] = u.km();
        }
        for (Map.Entry<CellType, SecretionSpec> e : species.secretion().entrySet()) {
            SecretionSpec s = e.getValue();
            requireRate(who + ": secretion." + e.getKey().key() + ".rate_per_s", s.ratePerS());
            secretion[e.getKey().code()] = s.ratePerS();
            if (s.saturation() != null) {
                if (!(s.saturation() > 0) || !Double.isFinite(s.saturation())) {
                    throw new IllegalArgumentException(who + ": secretion." + e.getKey().key()
                            + ".saturation must be a finite number > 0, got " + s.saturation());
                }
                relax[e.getKey().code()] = s.ratePerS() / s.saturation();
            }
        }
        double permeability = 0.0;
        if (species.vessel() != null) {
            requireRate(who + ": vessel.permeability_um_per_s", species.vessel().permeabilityUmPerS());
            permeability = species.vessel().permeabilityUmPerS();
        }
        return new SpeciesReactions(species.decayPerS(), binding, vmax, km, secretion, relax, permeability);
    }

    private static void requireRate(String what, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number >= 0, got " + value);
        }
    }

    /**
     * λ of dC/dt = S − λ·C in a tissue voxel, 1/s: the one definition of the loss rate, which the Java
     * backend evaluates per voxel and the OpenCL unsplit kernel ({@code unsplit_loss_rate} in
     * kernels/multigrid.cl, which cannot call Java) repeats in OpenCL C, pinned to this method by
     * {@code KernelPhysicsParityTest}. Decay, binding, vessel exchange P·(S/V), and, scaled by viability,
     * Michaelis–Menten uptake at level c (negative c, a round-off undershoot, counts as 0) and saturating
     * secretion's rate/saturation.
     *
     * @param exchangePerS P·(S/V) of the voxel, 1/s
     * @param vmaxPerS     the effective Vmax of the voxel's cell (0 = no uptake)
     */
    public static double lossRatePerS(double decayPerS, double bindingPerS, double exchangePerS, double alive,
                                      double vmaxPerS, double km, double c, double secretionRelaxPerS) {
        return decayPerS + bindingPerS + exchangePerS + alive * (vmaxPerS / (km + Math.max(c, 0.0)) + secretionRelaxPerS);
    }

    /**
     * S of dC/dt = S − λ·C in a tissue voxel, unit/s: vessel exchange P·(S/V)·C_plasma plus secretion
     * scaled by viability (the OpenCL unsplit kernel's {@code unsplit_source} repeats it).
     *
     * @param exchangePerS P·(S/V) of the voxel, 1/s
     * @param plasmaLevel  the plasma concentration the voxel exchanges with
     */
    public static double sourcePerS(double exchangePerS, double plasmaLevel, double alive, double secretionPerS) {
        return exchangePerS * plasmaLevel + alive * secretionPerS;
    }

    /** Whether any term acts on this species at all (otherwise the reaction sub-step is the identity). */
    public boolean hasAnyTerm() {
        if (decayPerS > 0 || permeabilityUmPerS > 0) {
            return true;
        }
        for (int c = 0; c < CellType.COUNT; c++) {
            if (bindingPerS[c] > 0 || uptakeVmaxPerS[c] > 0 || secretionPerS[c] > 0) {
                return true;
            }
        }
        return false;
    }
}
