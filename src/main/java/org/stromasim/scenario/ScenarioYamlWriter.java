package org.stromasim.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stromasim.grid.Face;
import org.stromasim.tissue.CellType;

/**
 * Writes a resolved {@link Scenario} as YAML with every default filled in and every optional
 * feature that is off written as {@code null}, so a run directory records exactly what ran.
 * Reading the text back gives an equal Scenario.
 */
final class ScenarioYamlWriter {

    private ScenarioYamlWriter() {
    }

    static String toYaml(Scenario s) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", s.name());
        root.put("description", s.description());
        root.put("grid", map("nx", s.grid().nx(), "ny", s.grid().ny(), "nz", s.grid().nz(), "voxel_um", s.grid().voxelUm()));
        RunSpec r = s.run();
        root.put("run", map("end_time_s", r.endTimeS(), "snapshot_interval_s", r.snapshotIntervalS(),
                "metrics_interval_s", r.metricsIntervalS(), "seed", r.seed(), "dt_s", r.dtS(),
                "stability_safety", r.stabilitySafety(), "splitting", lower(r.splitting().name()),
                "diffusion", map("scheme", lower(r.diffusion().scheme().name()), "max_stages", r.diffusion().maxStages(),
                        "coupling", lower(r.diffusion().coupling().name()),
                        "target_relative_error", r.diffusion().targetRelativeError()),
                "multigrid", map("pressure_coarsening", MultigridSpec.key(r.multigrid().pressureCoarsening()),
                        "diffusion_coarsening", MultigridSpec.key(r.multigrid().diffusionCoarsening()))));
        root.put("ecm", ecm(s.ecm()));
        root.put("tissue", tissue(s.tissue()));
        List<Object> species = new ArrayList<>();
        for (SpeciesSpec sp : s.species()) {
            species.add(species(sp));
        }
        root.put("species", species);
        root.put("metrics", map("drug_species", s.metrics().drugSpecies(),
                "exposure_threshold_unit_s", s.metrics().exposureThresholdUnitS()));
        root.put("biology", s.biology() == null ? null : biology(s.biology()));
        return "# Resolved scenario: every default filled in; features that are off are written as null.\n"
                + YamlEmitter.emit(root);
    }

    private static Map<String, Object> ecm(EcmSpec e) {
        Map<String, Object> law = new LinkedHashMap<>();
        law.put("law", SubtypeNames.nameOf(DiffusivityLawSpec.class, e.diffusivityLaw().getClass()));
        if (e.diffusivityLaw() instanceof DiffusivityLawSpec.Ogston o) {
            law.putAll(map("fibre_radius_nm", o.fibreRadiusNm(), "reference_stiffness_kpa", o.referenceStiffnessKpa(),
                    "reference_fibre_fraction", o.referenceFibreFraction(), "stiffness_exponent", o.stiffnessExponent()));
        } else if (e.diffusivityLaw() instanceof DiffusivityLawSpec.Exponential x) {
            law.put("stiffness_scale_kpa", x.stiffnessScaleKpa());
        } else if (e.diffusivityLaw() instanceof DiffusivityLawSpec.FibreMatrix f) {
            MatrixCompositionSpec c = f.composition();
            law.putAll(map("collagen_fibre_radius_nm", f.collagenFibreRadiusNm(),
                    "gag_fibre_radius_nm", f.gagFibreRadiusNm(),
                    "composition", map("reference_stiffness_kpa", c.referenceStiffnessKpa(),
                            "reference_collagen_fraction", c.referenceCollagenFraction(),
                            "stiffness_exponent", c.stiffnessExponent(), "max_collagen_fraction", c.maxCollagenFraction(),
                            "gag_fraction", perCellType(c.gagFraction()), "cell_fraction", perCellType(c.cellFraction()))));
        }
        EcmSpec.RegionStiffness k = e.stiffnessKpa();
        EcmSpec.StiffnessNoise n = e.noise();
        return map("diffusivity_law", law,
                "stiffness_kpa", map("normal", k.normal(), "stroma", k.stroma(), "tumour", k.tumour()),
                "noise", n == null ? null : map("relative_sd", n.relativeSd(), "correlation_um", n.correlationUm(),
                        "fibre_direction", vec(n.fibreDirection()), "fibre_elongation", n.fibreElongation()),
                "flow", e.flow() == null ? null : flow(e.flow()),
                "vessel_compression", e.vesselCompression() == null ? null : map(
                        "growth_strain", perCellType(e.vesselCompression().growthStrain()),
                        "hyaluronan_stress_share", e.vesselCompression().hyaluronanStressShare(),
                        "collapse_pressure_kpa", e.vesselCompression().collapsePressureKpa()),
                "hyaluronan", e.hyaluronan() == null ? null : map("turnover_per_s", e.hyaluronan().turnoverPerS(),
                        "hyaluronidase_per_s", e.hyaluronan().hyaluronidasePerS()));
    }

    private static Map<String, Object> flow(FlowSpec f) {
        return map("viscosity_pa_s", f.viscosityPaS(), "vessel_lp_cm_per_mmhg_s", f.vesselLpCmPerMmhgS(),
                "vessel_pressure_mmhg", f.vesselPressureMmhg(), "reflection_coefficient", f.reflectionCoefficient(),
                "plasma_oncotic_mmhg", f.plasmaOncoticMmhg(), "interstitial_oncotic_mmhg", f.interstitialOncoticMmhg(),
                "lymphatic_per_mmhg_s", f.lymphaticPerMmhgS(), "lymph_pressure_mmhg", f.lymphPressureMmhg(),
                "boundary_pressure_mmhg", f.boundaryPressureMmhg(),
                "zero_flux_faces", f.zeroFluxFaces().stream().sorted().map(org.stromasim.grid.Face::key).toList(),
                "convection", f.convection() == null ? null : map("interval_s", f.convection().intervalS(),
                        "solute_reflection", new java.util.TreeMap<>(f.convection().soluteReflection())));
    }

    private static Map<String, Object> perCellType(MatrixCompositionSpec.PerCellType p) {
        return map("ecm", p.ecm(), "cancer", p.cancer(), "fibroblast", p.fibroblast(), "caf", p.caf(), "dead", p.dead());
    }

    private static Map<String, Object> tissue(TissueSpec t) {
        List<Object> nests = new ArrayList<>();
        for (TissueSpec.Nest nest : t.nests()) {
            nests.add(map("centre_um", vec(nest.centreUm()), "radii_um", vec(nest.radiiUm())));
        }
        List<Object> vessels = new ArrayList<>();
        for (TissueSpec.VesselSpec v : t.vessels()) {
            String shape = SubtypeNames.nameOf(TissueSpec.VesselSpec.class, v.getClass());
            if (v instanceof TissueSpec.StraightVessel sv) {
                vessels.add(map("shape", shape, "from_um", vec(sv.fromUm()), "to_um", vec(sv.toUm()),
                        "radius_um", sv.radiusUm()));
            } else if (v instanceof TissueSpec.NetworkVessel nv) {
                Map<String, Object> network = map("shape", shape, "file", nv.file(), "length_unit_um", nv.lengthUnitUm());
                if (nv.radiusArray() != null) {
                    network.put("radius_array", nv.radiusArray());
                }
                if (!nv.groups().isEmpty()) {
                    Map<String, Object> groups = new java.util.LinkedHashMap<>();
                    nv.groups().forEach((name, scale) -> {
                        Map<String, Object> group = map("permeability_scale", scale);
                        Map<String, PlasmaCurveSpec> curves = nv.groupPlasma().getOrDefault(name, Map.of());
                        if (!curves.isEmpty()) {
                            Map<String, Object> plasma = new java.util.LinkedHashMap<>();
                            curves.forEach((species, curve) -> plasma.put(species, plasma(curve)));
                            group.put("plasma", plasma);
                        }
                        groups.put(name, group);
                    });
                    network.put("groups", groups);
                }
                vessels.add(network);
            } else if (v instanceof TissueSpec.RandomWalkVessel rw) {
                vessels.add(map("shape", shape, "start_um", vec(rw.startUm()), "direction", vec(rw.direction()),
                        "length_um", rw.lengthUm(), "step_um", rw.stepUm(), "turn_sd_deg", rw.turnSdDeg(),
                        "radius_um", rw.radiusUm()));
            }
        }
        TissueSpec.Fibroblasts f = t.fibroblasts();
        Map<String, Object> tissue = map("nests", nests, "stroma_shell_um", t.stromaShellUm(),
                "fibroblasts", map("stroma_fraction", f.stromaFraction(), "normal_fraction", f.normalFraction(),
                        "caf_fraction_stroma", f.cafFractionStroma(), "caf_fraction_normal", f.cafFractionNormal()),
                "vessels", vessels);
        if (!t.regions().isEmpty()) { // absent when unused: a scenario without regions is written without the key, as its author wrote it
            List<Object> regions = new ArrayList<>();
            for (RegionSpec r : t.regions()) {
                Map<String, Object> region = shape(r.shape());
                if (r.stiffnessKpa() != null) {
                    region.put("stiffness_kpa", r.stiffnessKpa());
                }
                if (r.cell() != null) {
                    region.put("cell", r.cell().key());
                }
                if (r.region() != null) {
                    region.put("region", r.region().name().toLowerCase(java.util.Locale.ROOT));
                }
                regions.add(region);
            }
            tissue.put("regions", regions);
        }
        if (!t.images().isEmpty()) {
            List<Object> images = new ArrayList<>();
            for (TissueImageSpec image : t.images()) {
                images.add(image(image));
            }
            tissue.put("images", images);
        }
        return tissue;
    }

    /** The keys as the scenario gave them (the file is read again on load), absent ones left out. */
    private static Map<String, Object> image(TissueImageSpec image) {
        Map<String, Object> m = map("file", image.file(), "sets", image.sets().key());
        if (image.dataset() != null) {
            m.put("dataset", image.dataset());
        }
        if (image.species() != null) {
            m.put("species", image.species());
        }
        if (image.intensityRange() != null) {
            m.put("intensity_range", List.of(image.intensityRange()[0], image.intensityRange()[1]));
            m.put("value_range", List.of(image.valueRange()[0], image.valueRange()[1]));
        }
        if (image.labels() != null) {
            Map<String, Object> labels = new java.util.LinkedHashMap<>();
            image.labels().forEach((label, cell) -> labels.put(String.valueOf(label), cell));
            m.put("labels", labels);
        }
        if (image.spacingUm() != null) {
            m.put("spacing_um", vec(image.spacingUm()));
        }
        if (image.originUm() != null) {
            m.put("origin_um", vec(image.originUm()));
        }
        if (image.lengthUnitUm() != null) {
            m.put("length_unit_um", image.lengthUnitUm());
        }
        return m;
    }

    private static Map<String, Object> shape(RegionSpec.ShapeSpec shape) {
        String name = SubtypeNames.nameOf(RegionSpec.ShapeSpec.class, shape.getClass());
        if (shape instanceof RegionSpec.Box b) {
            return map("shape", name, "min_um", vec(b.minUm()), "max_um", vec(b.maxUm()));
        }
        if (shape instanceof RegionSpec.HalfSpace h) {
            return map("shape", name, "point_um", vec(h.pointUm()), "normal", vec(h.normal()));
        }
        if (shape instanceof RegionSpec.Slab sl) {
            return map("shape", name, "point_um", vec(sl.pointUm()), "normal", vec(sl.normal()),
                    "thickness_um", sl.thicknessUm());
        }
        if (shape instanceof RegionSpec.Cylinder c) {
            return map("shape", name, "from_um", vec(c.fromUm()), "to_um", vec(c.toUm()), "radius_um", c.radiusUm());
        }
        if (shape instanceof RegionSpec.Ellipsoid e) {
            return map("shape", name, "centre_um", vec(e.centreUm()), "radii_um", vec(e.radiiUm()));
        }
        List<RegionSpec.ShapeSpec> parts = shape instanceof RegionSpec.Union u ? u.of() : ((RegionSpec.Difference) shape).of();
        List<Object> of = new ArrayList<>();
        for (RegionSpec.ShapeSpec part : parts) {
            of.add(shape(part));
        }
        return map("shape", name, "of", of);
    }

    private static Map<String, Object> species(SpeciesSpec s) {
        Map<String, Object> boundaries = new LinkedHashMap<>();
        for (Face face : Face.values()) {
            SpeciesSpec.BoundarySpec b = s.boundary(face);
            boundaries.put(face.key(), b.type() == SpeciesSpec.BoundaryType.FIXED
                    ? new YamlEmitter.FlowMap(map("fixed", b.value())) : BoundaryBinder.typeName(b.type()));
        }
        Map<String, Object> uptake = new LinkedHashMap<>();
        Map<String, Object> secretion = new LinkedHashMap<>();
        Map<String, Object> binding = new LinkedHashMap<>();
        for (CellType c : CellType.values()) {
            if (s.uptake().containsKey(c)) {
                SpeciesSpec.UptakeSpec u = s.uptake().get(c);
                uptake.put(c.key(), new YamlEmitter.FlowMap(map("vmax_per_s", u.vmaxPerS(), "km", u.km())));
            }
            if (s.secretion().containsKey(c)) {
                SpeciesSpec.SecretionSpec x = s.secretion().get(c);
                secretion.put(c.key(), new YamlEmitter.FlowMap(map("rate_per_s", x.ratePerS(), "saturation", x.saturation())));
            }
            if (s.bindingPerS().containsKey(c)) {
                binding.put(c.key(), s.bindingPerS().get(c));
            }
        }
        SpeciesSpec.VesselExchangeSpec v = s.vessel();
        return map("name", s.name(), "unit", s.unit().key(), "d0_um2_per_s", s.d0Um2PerS(),
                "stokes_radius_nm", s.stokesRadiusNm(), "decay_per_s", s.decayPerS(), "initial", s.initial(),
                "boundaries", boundaries,
                "vessel", v == null ? null : map("permeability_um_per_s", v.permeabilityUmPerS(), "plasma", plasma(v.plasma())),
                "uptake", uptake, "secretion", secretion, "binding_per_s", binding,
                "ecm_binding", s.ecmBinding() == null ? null : new YamlEmitter.FlowMap(map(
                        "bound_to_free_per_collagen_fraction", s.ecmBinding().boundToFreePerCollagenFraction())));
    }

    private static Map<String, Object> biology(BiologySpec b) {
        BiologySpec.Activation a = b.activation();
        BiologySpec.Remodelling m = b.remodelling();
        BiologySpec.DrugResponse d = b.drugResponse();
        List<Object> interventions = new ArrayList<>();
        for (BiologySpec.Intervention i : b.interventions()) {
            interventions.add(new YamlEmitter.FlowMap(map("type", lower(i.type().name()), "start_s", i.startS(),
                    "duration_s", i.durationS(), "strength", i.strength())));
        }
        return map("slow_interval_s", b.slowIntervalS(), "tgfb_species", b.tgfbSpecies(), "il6_species", b.il6Species(),
                "lactate_species", b.lactateSpecies(),
                "activation", map("threshold", a.threshold(), "ec50", a.ec50(), "hill_n", a.hillN(),
                        "max_rate_per_s", a.maxRatePerS()),
                "remodelling", map("caf_stiffening_per_s", m.cafStiffeningPerS(), "ceiling_kpa", m.ceilingKpa(),
                        "spread_per_s", m.spreadPerS(), "enzyme_softening_per_s", m.enzymeSofteningPerS(),
                        "floor_kpa", m.floorKpa()),
                "drug_response", map("measure", lower(d.measure().name()), "ec50", d.ec50(), "hill_n", d.hillN(),
                        "max_kill_per_s", d.maxKillPerS(), "death_viability", d.deathViability(),
                        "il6_resistance", map("ec50", d.il6Resistance().ec50(), "hill_n", d.il6Resistance().hillN(),
                                "max_factor", d.il6Resistance().maxFactor()),
                        "lactate_tolerance", map("max_factor", d.lactateTolerance().maxFactor(),
                                "km", d.lactateTolerance().km())),
                "interventions", interventions, "endocrine", b.endocrine() == null ? null : endocrine(b.endocrine()),
                "slow_clock", b.slowClock() == null ? null : map("max_relative_change", b.slowClock().maxRelativeChange(),
                        "max_interval_s", b.slowClock().maxIntervalS()));
    }

    private static Map<String, Object> endocrine(BiologySpec.Endocrine e) {
        List<Object> ligands = new ArrayList<>();
        for (BiologySpec.ErLigand l : e.ligands()) {
            ligands.add(new YamlEmitter.FlowMap(map("species", l.species(), "ki_nm", l.kiNm(), "response",
                    lower(l.response().name()), "unbound_fraction", l.unboundFraction())));
        }
        return map("estradiol_species", e.estradiolSpecies(), "estradiol_kd_nm", e.estradiolKdNm(), "ligands", ligands,
                "il6_bypass", map("max_fraction", e.il6Bypass().maxFraction(), "ec50", e.il6Bypass().ec50(),
                        "hill_n", e.il6Bypass().hillN()),
                "max_kill_per_s", e.maxKillPerS(), "under_suppressed_below", e.underSuppressedBelow());
    }

    private static Map<String, Object> plasma(PlasmaCurveSpec p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", SubtypeNames.nameOf(PlasmaCurveSpec.class, p.getClass()));
        if (p instanceof PlasmaCurveSpec.Constant c) {
            m.put("level", c.level());
        } else if (p instanceof PlasmaCurveSpec.Bolus b) {
            m.putAll(bolus(b));
        } else if (p instanceof PlasmaCurveSpec.Infusion i) {
            m.putAll(map("level", i.level(), "start_s", i.startS(), "duration_s", i.durationS(), "half_life_s", i.halfLifeS()));
        } else if (p instanceof PlasmaCurveSpec.RepeatedBolus rb) {
            m.putAll(map("dose", bolus(rb.dose()), "interval_s", rb.intervalS(), "count", rb.count()));
        } else if (p instanceof PlasmaCurveSpec.Dosing d) {
            m.putAll(dosing(d));
        } else if (p instanceof PlasmaCurveSpec.Metabolite mb) {
            m.putAll(map("parent", mb.parent(), "half_life_h", mb.halfLifeH(), "steady_state_ratio",
                    mb.steadyStateRatio()));
        }
        return m;
    }

    private static Map<String, Object> dosing(PlasmaCurveSpec.Dosing d) {
        List<Object> regimens = new ArrayList<>();
        for (PlasmaCurveSpec.Regimen r : d.regimens()) {
            boolean absorbed = r.route() == PlasmaCurveSpec.Route.ORAL || r.route() == PlasmaCurveSpec.Route.DEPOT;
            regimens.add(new YamlEmitter.FlowMap(map("route", r.route().key(), "dose_mg", r.doseMg(),
                    "start_h", r.startH(), "interval_h", r.intervalH(), "count", r.count(), "until_h", r.untilH(),
                    r.route() == PlasmaCurveSpec.Route.DEPOT ? "release_half_life_h" : "absorption_half_life_h",
                    r.absorptionHalfLifeH(), "bioavailability", absorbed ? r.bioavailability() : null,
                    "duration_h", r.durationH())));
        }
        List<Object> interruptions = new ArrayList<>();
        for (PlasmaCurveSpec.Interruption i : d.interruptions()) {
            interruptions.add(new YamlEmitter.FlowMap(map("from_h", i.fromH(), "to_h", i.toH())));
        }
        return map("molar_mass_g_per_mol", d.molarMassGPerMol(), "volume_l", d.volumeL(),
                "half_lives_h", new ArrayList<Object>(d.halfLivesH()),
                "fast_fraction", d.halfLivesH().size() == 2 ? d.fastFraction() : null,
                "regimens", regimens, "interruptions", interruptions.isEmpty() ? null : interruptions);
    }

    private static Map<String, Object> bolus(PlasmaCurveSpec.Bolus b) {
        return map("peak", b.peak(), "start_s", b.startS(), "half_lives_s", new ArrayList<Object>(b.halfLivesS()),
                "fast_fraction", b.fastFraction());
    }

    private static List<Object> vec(Vec3 v) {
        return v == null ? null : List.of(v.x(), v.y(), v.z());
    }

    private static String lower(String s) {
        return s.toLowerCase(java.util.Locale.ROOT);
    }

    /** An ordered map from alternating keys and values (values may be null). */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
