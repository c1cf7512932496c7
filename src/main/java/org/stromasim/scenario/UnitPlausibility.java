package org.stromasim.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Warnings for values that are valid but orders of magnitude outside the physiological range of
 * docs/parameters.md §10, the usual sign of a value typed in another unit (Pa for kPa, m²/s for µm²/s).
 * A warning names the likely unit and what the value would be in the scenario's unit; it never refuses,
 * since a deliberately extreme value is a legitimate experiment.
 */
public final class UnitPlausibility {

    /** How far outside the range a value must be before it is reported (a factor on either side). */
    static final double TOLERANCE = 100;

    /** A unit a value may have been typed in, and the factor that converts it into the scenario's unit. */
    private record Alternative(String unit, double toScenarioUnit) {
    }

    /** One kind of quantity: its scenario unit, its plausible range and the mistakes people make with it. */
    private record Quantity(String unit, double low, double high, List<Alternative> alternatives) {
    }

    private static final Quantity STIFFNESS = new Quantity("kPa", 0.1, 100,
            List.of(new Alternative("Pa", 1e-3), new Alternative("MPa", 1e3)));
    private static final Quantity DIFFUSIVITY = new Quantity("µm²/s", 1, 3000,
            List.of(new Alternative("m²/s", 1e12), new Alternative("cm²/s", 1e8), new Alternative("mm²/s", 1e6)));
    private static final Quantity PERMEABILITY = new Quantity("µm/s", 1e-5, 100,
            List.of(new Alternative("cm/s", 1e4), new Alternative("m/s", 1e6)));
    private static final Quantity VOXEL = new Quantity("µm", 1, 200,
            List.of(new Alternative("mm", 1e3), new Alternative("m", 1e6), new Alternative("nm", 1e-3)));
    private static final Quantity STOKES_RADIUS = new Quantity("nm", 0.1, 20,
            List.of(new Alternative("µm", 1e3), new Alternative("m", 1e9), new Alternative("pm", 1e-3)));

    private UnitPlausibility() {
    }

    /** One line per implausible value, in scenario order; empty when every value is plausible. */
    public static List<String> warnings(Scenario scenario) {
        List<String> out = new ArrayList<>();
        check(out, "grid.voxel_um", scenario.grid().voxelUm(), VOXEL);
        EcmSpec.RegionStiffness e = scenario.ecm().stiffnessKpa();
        check(out, "ecm.stiffness_kpa.normal", e.normal(), STIFFNESS);
        check(out, "ecm.stiffness_kpa.stroma", e.stroma(), STIFFNESS);
        check(out, "ecm.stiffness_kpa.tumour", e.tumour(), STIFFNESS);
        if (scenario.ecm().diffusivityLaw() instanceof DiffusivityLawSpec.Ogston o) {
            check(out, "ecm.diffusivity_law.reference_stiffness_kpa", o.referenceStiffnessKpa(), STIFFNESS);
        }
        for (SpeciesSpec s : scenario.species()) {
            String key = "species." + s.name() + ".";
            check(out, key + "d0_um2_per_s", s.d0Um2PerS(), DIFFUSIVITY);
            check(out, key + "stokes_radius_nm", s.stokesRadiusNm(), STOKES_RADIUS);
            if (s.vessel() != null) {
                check(out, key + "vessel.permeability_um_per_s", s.vessel().permeabilityUmPerS(), PERMEABILITY);
            }
        }
        imageSpacingOverrides(out, scenario);
        if (scenario.biology() != null && scenario.biology().remodelling() != null) {
            BiologySpec.Remodelling r = scenario.biology().remodelling();
            check(out, "biology.remodelling.ceiling_kpa", r.ceilingKpa(), STIFFNESS);
            check(out, "biology.remodelling.floor_kpa", r.floorKpa(), STIFFNESS);
        }
        return out;
    }

    /** Relative difference above which a scenario spacing that overrides the file's is reported. */
    static final double SPACING_OVERRIDE_TOLERANCE = 0.01;

    /**
     * A tissue image's {@code spacing_um} wins over the spacing its file states; where the two differ
     * by more than 1 % on some axis the run says so (one of the two calibrations is wrong).
     */
    private static void imageSpacingOverrides(List<String> out, Scenario scenario) {
        if (scenario.tissue() == null) {
            return;
        }
        List<TissueImageSpec> images = scenario.tissue().images();
        for (int n = 0; n < images.size(); n++) {
            org.stromasim.imaging.ScalarVolume v = images.get(n).volume();
            if (images.get(n).spacingUm() == null || v == null) {
                continue;
            }
            int axis = v.spacingConflictAxis(SPACING_OVERRIDE_TOLERANCE);
            if (axis >= 0) {
                out.add(String.format(java.util.Locale.ROOT, "tissue.images[%d].spacing_um = [%s, %s, %s] µm overrides"
                        + " the spacing %s states, [%s, %s, %s] µm (axis %s differs by more than 1 %%); the scenario's"
                        + " is used: remove spacing_um to use the file's", n, Range.format(v.spacingUm()[0]),
                        Range.format(v.spacingUm()[1]), Range.format(v.spacingUm()[2]), images.get(n).file(),
                        Range.format(v.fileSpacingUm()[0]), Range.format(v.fileSpacingUm()[1]),
                        Range.format(v.fileSpacingUm()[2]), "xyz".charAt(axis)));
            }
        }
    }

    private static void check(List<String> out, String key, double value, Quantity q) {
        if (!(value > 0) || !Double.isFinite(value)) {
            return; // zero switches a process off; negative or NaN values are refused by the binder
        }
        boolean below = value < q.low() / TOLERANCE;
        boolean above = value > q.high() * TOLERANCE;
        if (!below && !above) {
            return;
        }
        double factor = below ? q.low() / value : value / q.high();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "%s = %s %s is about %s× %s the physiological range %s–%s %s (docs/parameters.md §10)",
                key, g(value), q.unit(), g(roundToDecade(factor)), below ? "below" : "above", g(q.low()), g(q.high()),
                q.unit()));
        for (Alternative a : q.alternatives()) {
            double converted = value * a.toScenarioUnit();
            if (converted >= q.low() && converted <= q.high()) {
                line.append(String.format(Locale.ROOT, "; was it given in %s? %s %s = %s %s", a.unit(), g(value),
                        a.unit(), g(converted), q.unit()));
                break;
            }
        }
        out.add(line.toString());
    }

    private static double roundToDecade(double factor) {
        return Math.pow(10, Math.floor(Math.log10(factor)));
    }

    private static String g(double v) {
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains("e")) {
            return s.replaceAll("\\.?0+e", "e").replace("e+0", "e").replace("e+", "e").replace("e-0", "e-");
        }
        return s.contains(".") ? s.replaceAll("\\.?0+$", "") : s;
    }
}
