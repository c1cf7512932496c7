package org.stromasim.scenario;

/** Binds the {@code ecm} section: stiffness per region, optional texture, and the diffusivity law. */
final class EcmBinder {

    private EcmBinder() {
    }

    static EcmSpec ecm(YamlNode node, java.util.List<SpeciesSpec> species) {
        MapReader r = MapReader.of(node, "ecm", "matrix settings", "diffusivity_law", "stiffness_kpa", "noise",
                "flow", "vessel_compression", "hyaluronan");
        DiffusivityLawSpec law = law(r.require("diffusivity_law", "a map with law: ogston, exponential or fibre_matrix"),
                r.child("diffusivity_law"));
        EcmSpec.RegionStiffness stiffness = stiffness(r.require("stiffness_kpa", "a map with normal, stroma, tumour (kPa)"),
                r.child("stiffness_kpa"));
        EcmSpec.StiffnessNoise noise = r.has("noise") ? noise(r.get("noise"), r.child("noise")) : null;
        FlowSpec flow = null;
        if (r.has("flow")) {
            if (!(law instanceof DiffusivityLawSpec.FibreMatrix)) {
                throw ScenarioException.badValue(r.get("flow"), r.child("flow"),
                        "needs diffusivity_law law: fibre_matrix (its composition sets the hydraulic conductivity)");
            }
            flow = flow(r.get("flow"), r.child("flow"), species);
        }
        VesselCompressionSpec compression = r.has("vessel_compression")
                ? compression(r.get("vessel_compression"), r.child("vessel_compression")) : null;
        HyaluronanSpec hyaluronan = null;
        if (r.has("hyaluronan")) {
            if (!(law instanceof DiffusivityLawSpec.FibreMatrix)) {
                throw ScenarioException.badValue(r.get("hyaluronan"), r.child("hyaluronan"),
                        "needs diffusivity_law law: fibre_matrix (only its composition has a GAG fraction)");
            }
            MapReader h = MapReader.of(r.get("hyaluronan"), r.child("hyaluronan"), "hyaluronan turnover",
                    "turnover_per_s", "hyaluronidase_per_s");
            hyaluronan = new HyaluronanSpec(h.number("turnover_per_s", Range.nonNegative("1/s")),
                    h.number("hyaluronidase_per_s", Range.nonNegative("1/s")));
        }
        return new EcmSpec(law, stiffness, noise, flow, compression, hyaluronan);
    }

    private static VesselCompressionSpec compression(YamlNode node, String path) {
        MapReader r = MapReader.of(node, path, "vessel compression by solid stress", "growth_strain",
                "hyaluronan_stress_share", "collapse_pressure_kpa");
        return new VesselCompressionSpec(perCellType(r.require("growth_strain", PER_CELL_TYPE), r.child("growth_strain"),
                Range.fraction()), r.number("hyaluronan_stress_share", Range.fraction()),
                r.number("collapse_pressure_kpa", Range.positive("kPa")));
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
        if (variant == DiffusivityLawSpec.FibreMatrix.class) {
            return fibreMatrix(node, path);
        }
        MapReader r = MapReader.of(node, path, "exponential law parameters", "law", "stiffness_scale_kpa");
        return new DiffusivityLawSpec.Exponential(r.number("stiffness_scale_kpa", Range.positive("kPa")));
    }

    private static DiffusivityLawSpec.FibreMatrix fibreMatrix(YamlNode node, String path) {
        MapReader r = MapReader.of(node, path, "fibre-matrix law parameters", "law", "collagen_fibre_radius_nm",
                "gag_fibre_radius_nm", "composition");
        double collagenRadius = r.number("collagen_fibre_radius_nm", Range.positive("nm"));
        double gagRadius = r.number("gag_fibre_radius_nm", Range.positive("nm"));
        MapReader c = MapReader.of(r.require("composition", "a map with reference_stiffness_kpa, "
                        + "reference_collagen_fraction, stiffness_exponent, max_collagen_fraction, gag_fraction, cell_fraction"),
                r.child("composition"), "matrix composition", "reference_stiffness_kpa", "reference_collagen_fraction",
                "stiffness_exponent", "max_collagen_fraction", "gag_fraction", "cell_fraction");
        Range fibre = Range.between(0, MatrixCompositionSpec.MAX_FIBRE_FRACTION, "");
        double referenceStiffness = c.number("reference_stiffness_kpa", Range.positive("kPa"));
        double referenceFraction = c.number("reference_collagen_fraction", fibre);
        double exponent = c.number("stiffness_exponent", Range.positive(""));
        double maxFraction = c.number("max_collagen_fraction", fibre);
        if (!(referenceFraction > 0) || referenceFraction > maxFraction) {
            throw ScenarioException.badValue(c.get("reference_collagen_fraction"), c.child("reference_collagen_fraction"),
                    "must be > 0 and at most max_collagen_fraction (" + maxFraction + ")");
        }
        MatrixCompositionSpec.PerCellType gag = perCellType(c.require("gag_fraction", PER_CELL_TYPE),
                c.child("gag_fraction"), fibre);
        MatrixCompositionSpec.PerCellType cells = perCellType(c.require("cell_fraction", PER_CELL_TYPE),
                c.child("cell_fraction"), Range.between(0, 0.99, ""));
        return new DiffusivityLawSpec.FibreMatrix(collagenRadius, gagRadius, new MatrixCompositionSpec(referenceStiffness,
                referenceFraction, exponent, maxFraction, gag, cells));
    }

    private static FlowSpec flow(YamlNode node, String path, java.util.List<SpeciesSpec> species) {
        MapReader r = MapReader.of(node, path, "interstitial flow", "viscosity_pa_s", "vessel_lp_cm_per_mmhg_s",
                "vessel_pressure_mmhg", "reflection_coefficient", "plasma_oncotic_mmhg", "interstitial_oncotic_mmhg",
                "lymphatic_per_mmhg_s", "lymph_pressure_mmhg", "boundary_pressure_mmhg", "zero_flux_faces", "convection");
        Range mmhg = Range.anyFinite("mmHg");
        return new FlowSpec(r.number("viscosity_pa_s", Range.positive("Pa·s")),
                r.number("vessel_lp_cm_per_mmhg_s", Range.nonNegative("cm/(mmHg·s)")),
                r.number("vessel_pressure_mmhg", mmhg), r.number("reflection_coefficient", Range.fraction()),
                r.number("plasma_oncotic_mmhg", Range.nonNegative("mmHg")),
                r.number("interstitial_oncotic_mmhg", Range.nonNegative("mmHg")),
                r.number("lymphatic_per_mmhg_s", Range.nonNegative("1/(mmHg·s)")),
                r.number("lymph_pressure_mmhg", mmhg), r.number("boundary_pressure_mmhg", mmhg),
                zeroFluxFaces(r), r.has("convection") ? convection(r.get("convection"), r.child("convection"), species)
                        : null);
    }

    private static ConvectionSpec convection(YamlNode node, String path, java.util.List<SpeciesSpec> species) {
        MapReader r = MapReader.of(node, path, "solute convection", "interval_s", "solute_reflection");
        double interval = r.number("interval_s", Range.positive("s"));
        java.util.List<String> crossing = species.stream().filter(s -> s.vessel() != null).map(SpeciesSpec::name).toList();
        String expected = "a map from each species with vessel exchange (" + String.join(", ", crossing)
                + ") to its reflection coefficient in [0, 1]";
        YamlNode map = r.require("solute_reflection", expected);
        if (!(map instanceof YamlNode.MapNode m)) {
            throw ScenarioException.badValue(map, r.child("solute_reflection"), "must be " + expected);
        }
        MapReader sr = MapReader.of(map, r.child("solute_reflection"), expected, m.entries().keySet().toArray(String[]::new));
        java.util.Map<String, Double> sigma = new java.util.LinkedHashMap<>();
        for (String name : m.entries().keySet()) {
            if (!crossing.contains(name)) {
                throw ScenarioException.badValue(sr.get(name), sr.child(name), "names no species with vessel exchange;"
                        + " expected one of " + crossing);
            }
            sigma.put(name, sr.number(name, Range.fraction()));
        }
        for (String name : crossing) {
            if (!sigma.containsKey(name)) {
                throw ScenarioException.badValue(map, r.child("solute_reflection"), "lacks species " + name
                        + "; expected " + expected);
            }
        }
        return new ConvectionSpec(interval, sigma);
    }

    private static java.util.Set<org.stromasim.grid.Face> zeroFluxFaces(MapReader r) {
        java.util.Set<org.stromasim.grid.Face> faces = java.util.EnumSet.noneOf(org.stromasim.grid.Face.class);
        if (!r.has("zero_flux_faces")) {
            return faces;
        }
        String path = r.child("zero_flux_faces");
        String allowed = "a list of face names from x_min, x_max, y_min, y_max, z_min, z_max";
        for (YamlNode item : NodeReader.list(r.get("zero_flux_faces"), path, allowed).items()) {
            String name = NodeReader.text(item, path, allowed);
            org.stromasim.grid.Face face = null;
            for (org.stromasim.grid.Face f : org.stromasim.grid.Face.values()) {
                face = f.key().equals(name) ? f : face;
            }
            if (face == null || !faces.add(face)) {
                throw ScenarioException.badValue(item, path, (face == null ? "unknown face '" : "face listed twice: '")
                        + name + "'; expected " + allowed);
            }
        }
        return faces;
    }

    private static final String PER_CELL_TYPE = "a map with ecm, cancer, fibroblast, caf, dead";

    private static MatrixCompositionSpec.PerCellType perCellType(YamlNode node, String path, Range range) {
        MapReader r = MapReader.of(node, path, "one value per cell type", "ecm", "cancer", "fibroblast", "caf", "dead");
        return new MatrixCompositionSpec.PerCellType(r.number("ecm", range), r.number("cancer", range),
                r.number("fibroblast", range), r.number("caf", range), r.number("dead", range));
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

    /** The biology slow step runs at convection events, so its interval must be a whole multiple of convection's. */
    static void requireSlowStepsOnTheConvectionClock(EcmSpec ecm, BiologySpec biology, YamlNode ecmNode) {
        if (biology == null || ecm.flow() == null || ecm.flow().convection() == null) {
            return;
        }
        double ratio = biology.slowIntervalS() / ecm.flow().convection().intervalS();
        if (Math.abs(ratio - Math.rint(ratio)) > 1e-9 * ratio || Math.rint(ratio) < 1) {
            throw ScenarioException.badValue(ecmNode, "ecm.flow.convection.interval_s", "= "
                    + ecm.flow().convection().intervalS() + " s must divide biology.slow_interval_s = "
                    + biology.slowIntervalS() + " s into a whole number of convection steps");
        }
    }

    /** Hyaluronidase acts on the hyaluronan level, which only {@code ecm.hyaluronan} makes a state. */
    static void requireHyaluronanForHyaluronidase(EcmSpec ecm, BiologySpec biology, YamlNode biologyNode) {
        if (biology == null || ecm.hyaluronan() != null) {
            return;
        }
        for (int i = 0; i < biology.interventions().size(); i++) {
            if (biology.interventions().get(i).type() == BiologySpec.InterventionKind.HYALURONIDASE) {
                throw ScenarioException.badValue(biologyNode, "biology.interventions[" + i + "].type",
                        "hyaluronidase needs ecm.hyaluronan (turnover_per_s, hyaluronidase_per_s) and the fibre_matrix law");
            }
        }
    }
}
