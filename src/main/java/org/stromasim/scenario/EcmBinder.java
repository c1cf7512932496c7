package org.stromasim.scenario;

/** Binds the {@code ecm} section: stiffness per region, optional texture, and the diffusivity law. */
final class EcmBinder {

    private EcmBinder() {
    }

    static EcmSpec ecm(YamlNode node) {
        MapReader r = MapReader.of(node, "ecm", "matrix settings", "diffusivity_law", "stiffness_kpa", "noise");
        DiffusivityLawSpec law = law(r.require("diffusivity_law", "a map with law: ogston or law: exponential"),
                r.child("diffusivity_law"));
        EcmSpec.RegionStiffness stiffness = stiffness(r.require("stiffness_kpa", "a map with normal, stroma, tumour (kPa)"),
                r.child("stiffness_kpa"));
        EcmSpec.StiffnessNoise noise = r.has("noise") ? noise(r.get("noise"), r.child("noise")) : null;
        return new EcmSpec(law, stiffness, noise);
    }

    private static DiffusivityLawSpec law(YamlNode node, String path) {
        Class<?> variant = SubtypeNames.variantOf(node, path, DiffusivityLawSpec.class, "diffusivity law");
        if (variant == DiffusivityLawSpec.Ogston.class) {
            MapReader r = MapReader.of(node, path, "Ogston law parameters", "law", "fibre_radius_nm",
                    "reference_stiffness_kpa", "reference_fibre_fraction", "stiffness_exponent");
            return new DiffusivityLawSpec.Ogston(
                    r.number("fibre_radius_nm", Range.positive("nm")),
                    r.number("reference_stiffness_kpa", Range.positive("kPa")),
                    r.number("reference_fibre_fraction", Range.positiveFraction()),
                    r.number("stiffness_exponent", Range.positive("")));
        }
        MapReader r = MapReader.of(node, path, "exponential law parameters", "law", "stiffness_scale_kpa");
        return new DiffusivityLawSpec.Exponential(r.number("stiffness_scale_kpa", Range.positive("kPa")));
    }

    private static EcmSpec.RegionStiffness stiffness(YamlNode node, String path) {
        MapReader r = MapReader.of(node, path, "stiffness per region, kPa", "normal", "stroma", "tumour");
        Range kpa = Range.positive("kPa");
        return new EcmSpec.RegionStiffness(r.number("normal", kpa), r.number("stroma", kpa), r.number("tumour", kpa));
    }

    private static EcmSpec.StiffnessNoise noise(YamlNode node, String path) {
        MapReader r = MapReader.of(node, path, "stiffness texture", "relative_sd", "correlation_um",
                "fibre_direction", "fibre_elongation");
        double relativeSd = r.number("relative_sd", Range.nonNegative(""));
        double correlationUm = r.number("correlation_um", Range.positive("µm"));
        Vec3 direction = r.optionalVec3("fibre_direction", Range.anyFinite(""));
        if (direction != null && direction.norm() == 0) {
            throw ScenarioException.badValue(r.get("fibre_direction"), r.child("fibre_direction"),
                    "must be a non-zero vector [x, y, z] (or absent for isotropic texture)");
        }
        Double elongation = r.optionalNumber("fibre_elongation", Range.atLeast(1, ""));
        return new EcmSpec.StiffnessNoise(relativeSd, correlationUm, direction, elongation);
    }
}
