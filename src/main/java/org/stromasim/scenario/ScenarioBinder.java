package org.stromasim.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.stromasim.solver.Coarsening;

/**
 * Turns the validated YAML tree into a {@link Scenario}: the top-level keys, {@code grid},
 * {@code run} and {@code metrics}; the larger sections have their own binders. Every default that
 * the records do not fill themselves is filled here, and documented in docs/scenario-reference.md.
 */
final class ScenarioBinder {

    /** A scenario name becomes part of a run-directory name. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final String NAME_RULE = "a name of letters, digits, '.', '_' or '-' (it names run directories)";
    /** Largest length the JVM allows for an array (a few words below Integer.MAX_VALUE). */
    static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8L;

    private ScenarioBinder() {
    }

    static Scenario bind(YamlNode root, String sourceName) {
        if (root == null) {
            throw ScenarioException.at(SourceLocation.of(sourceName, 1, 1), "",
                    "the file holds no scenario; expected a map with keys name, grid, run, ecm, tissue, species");
        }
        MapReader r = MapReader.of(root, "", "the scenario",
                "name", "description", "grid", "run", "ecm", "tissue", "species", "metrics", "biology");
        YamlNode nameNode = r.require("name", NAME_RULE);
        String name = NodeReader.text(nameNode, "name", NAME_RULE);
        if (!NAME.matcher(name).matches()) {
            throw ScenarioException.badValue(nameNode, "name", "must be " + NAME_RULE);
        }
        String description = r.has("description") ? r.text("description", "text") : "";
        GridSpec grid = grid(r.require("grid", "a map with nx, ny, nz, voxel_um"));
        RunSpec run = run(r.require("run", "a map with end_time_s, snapshot_interval_s, metrics_interval_s, seed"));
        List<SpeciesSpec> species = SpeciesBinder.speciesList(r.require("species", "a list of species"));
        EcmSpec ecm = EcmBinder.ecm(r.require("ecm", "a map with diffusivity_law and stiffness_kpa"), species);
        SpeciesBinder.requireCompositionForBinding(species, ecm, r.get("species"));
        requireFlowForPressureCoarsening(run, ecm, r.get("run"));
        YamlNode tissueNode = r.require("tissue", "a map with stroma_shell_um, nests, vessels");
        TissueSpec tissue = TissueBinder.tissue(tissueNode, grid, species);
        TissueImageBinder.checkSpecies(tissue.images(), species, tissueNode);
        TissueImageBinder.checkCollagenImages(tissue.images(), ecm, tissueNode);
        MetricsSpec metrics = metrics(r, species);
        BiologySpec biology = r.has("biology")
                ? BiologyBinder.biology(r.get("biology"), species) : null;
        EcmBinder.requireSlowStepsOnTheConvectionClock(ecm, biology, r.get("ecm"));
        EcmBinder.requireHyaluronanForHyaluronidase(ecm, biology, r.get("biology"));
        BiologyBinder.requireSnapshotsOnTheSlowClock(biology, run, r.has("biology") ? r.get("biology") : null);
        return new Scenario(name, description, grid, run, ecm, tissue, species, metrics, biology);
    }

    private static final double MAX_DIAGONAL_SQUARED = 1 << 24;

    private static GridSpec grid(YamlNode node) {
        MapReader r = MapReader.of(node, "grid", "the voxel grid", "nx", "ny", "nz", "voxel_um");
        Range count = Range.between(1, Integer.MAX_VALUE, "voxels");
        int nx = r.integer("nx", count);
        int ny = r.integer("ny", count);
        int nz = r.integer("nz", count);
        double voxelUm = r.number("voxel_um", Range.positive("µm"));
        long voxels = (long) nx * ny * nz;
        if (voxels > MAX_ARRAY_LENGTH) {
            throw ScenarioException.at(r.location(), "grid", "nx × ny × nz = " + nx + " × " + ny + " × " + nz + " = "
                    + voxels + " voxels: must be ≤ " + MAX_ARRAY_LENGTH
                    + " (the longest Java array; each field is one array)");
        }
        // the vessel distance map squares voxel distances in float, exact below 2^24 (a diagonal of 4096 voxels)
        double diagonalSquared = (double) nx * nx + (double) ny * ny + (double) nz * nz;
        if (diagonalSquared >= MAX_DIAGONAL_SQUARED) {
            throw ScenarioException.at(r.location(), "grid", "nx × ny × nz = " + nx + " × " + ny + " × " + nz
                    + " has a diagonal of " + Math.round(Math.sqrt(diagonalSquared)) + " voxels: must be < 4096"
                    + " (nx² + ny² + nz² < 2^24, so that squared distances to the vessels are exact in float)");
        }
        return new GridSpec(nx, ny, nz, voxelUm);
    }

    private static RunSpec run(YamlNode node) {
        MapReader r = MapReader.of(node, "run", "time controls", "end_time_s", "snapshot_interval_s",
                "metrics_interval_s", "seed", "dt_s", "stability_safety", "splitting", "diffusion", "multigrid");
        double endTimeS = r.number("end_time_s", Range.positive("s"));
        double snapshotIntervalS = r.number("snapshot_interval_s", Range.positive("s"));
        double metricsIntervalS = r.number("metrics_interval_s", Range.positive("s"));
        long seed = r.longInteger("seed", Range.anyFinite(""));
        Double dtS = r.optionalNumber("dt_s", Range.positive("s"));
        double safety = r.number("stability_safety", Range.positiveFraction(), RunSpec.DEFAULT_STABILITY_SAFETY);
        RunSpec.Splitting splitting = r.choice("splitting", "splitting", splittingNames(), RunSpec.Splitting.STRANG);
        DiffusionSpec diffusion = diffusion(r, dtS);
        MultigridSpec multigrid = multigrid(r, diffusion);
        return new RunSpec(endTimeS, snapshotIntervalS, metricsIntervalS, seed, dtS, safety, splitting, diffusion,
                multigrid);
    }

    /**
     * {@code run.multigrid}: the coarsening of each multigrid solve. operator_dependent for a solve the run does
     * not make is refused (it would be read as in effect): diffusion's without the implicit scheme here,
     * pressure's without ecm.flow in {@link #requireFlowForPressureCoarsening}; geometric, the default, is
     * accepted anywhere (the resolved scenario a run directory records writes both).
     */
    private static MultigridSpec multigrid(MapReader run, DiffusionSpec diffusion) {
        YamlNode node = run.get("multigrid");
        if (node == null) {
            return MultigridSpec.DEFAULT;
        }
        MapReader r = MapReader.of(node, "run.multigrid", "multigrid settings", "pressure_coarsening",
                "diffusion_coarsening");
        Coarsening pressure = r.choice("pressure_coarsening", "coarsening", coarseningNames(), Coarsening.GEOMETRIC);
        Coarsening diffusionCoarsening = r.choice("diffusion_coarsening", "coarsening", coarseningNames(),
                Coarsening.GEOMETRIC);
        if (diffusionCoarsening != Coarsening.GEOMETRIC && diffusion.scheme() != DiffusionSpec.Scheme.IMPLICIT) {
            throw ScenarioException.at(r.location(), "run.multigrid.diffusion_coarsening", "= "
                    + MultigridSpec.key(diffusionCoarsening) + " but run.diffusion.scheme is " + lower(diffusion.scheme())
                    + ", which makes no multigrid solve; set run.diffusion.scheme: implicit, or remove the key");
        }
        return new MultigridSpec(pressure, diffusionCoarsening);
    }

    /** Refuses {@code run.multigrid.pressure_coarsening: operator_dependent} without ecm.flow (no pressure solve). */
    private static void requireFlowForPressureCoarsening(RunSpec run, EcmSpec ecm, YamlNode runNode) {
        if (ecm.flow() != null || run.multigrid().pressureCoarsening() == Coarsening.GEOMETRIC) {
            return;
        }
        YamlNode node = ((YamlNode.MapNode) runNode).entries().get("multigrid").value();
        throw ScenarioException.at(node.location(), "run.multigrid.pressure_coarsening", "= "
                + MultigridSpec.key(run.multigrid().pressureCoarsening()) + " but the scenario has no ecm.flow, so there is no"
                + " interstitial pressure solve; add ecm.flow, or remove the key");
    }

    /** The YAML names of the coarsenings ({@link MultigridSpec#key}). */
    static Map<String, Coarsening> coarseningNames() {
        Map<String, Coarsening> names = new LinkedHashMap<>();
        for (Coarsening c : Coarsening.values()) {
            names.put(MultigridSpec.key(c), c);
        }
        return names;
    }

    private static DiffusionSpec diffusion(MapReader run, Double dtS) {
        YamlNode node = run.get("diffusion");
        if (node == null) {
            return DiffusionSpec.EXPLICIT;
        }
        MapReader r = MapReader.of(node, "run.diffusion", "diffusion scheme settings", "scheme", "max_stages",
                "coupling", "target_relative_error");
        DiffusionSpec.Scheme scheme = r.choice("scheme", "diffusion scheme", schemeNames(), DiffusionSpec.Scheme.EXPLICIT);
        int maxStages = r.has("max_stages")
                ? Math.toIntExact(NodeReader.integer(r.get("max_stages"), r.child("max_stages"), Range.between(2, 100_000, "")))
                : DiffusionSpec.DEFAULT_MAX_STAGES;
        if (r.get("coupling") instanceof YamlNode.ScalarNode c && "rebalanced".equals(c.text())) {
            throw ScenarioException.at(r.location(), "run.diffusion.coupling", "= rebalanced is not offered: its"
                    + " rebalancing term moves half of each reaction into the diffusion step as a constant lagged by one"
                    + " step, which is unstable once a reaction's k·dt exceeds about 0.5 (pure decay at k·dt = 1 was 62 %"
                    + " off, at 2 eleven-fold) and 0.2 % off even at k·dt = 0.1; use coupling: plain (Strang splitting"
                    + " with exact reaction sub-steps), whose step the run refuses where the split is not accurate");
        }
        DiffusionSpec.Coupling coupling = r.choice("coupling", "reaction coupling", couplingNames(),
                DiffusionSpec.Coupling.PLAIN);
        if (coupling == DiffusionSpec.Coupling.UNSPLIT && scheme != DiffusionSpec.Scheme.IMPLICIT) {
            throw ScenarioException.at(r.location(), "run.diffusion.coupling", "= unsplit needs scheme: implicit"
                    + " (its reactions are solved together with the implicit diffusion step); got scheme: " + lower(scheme)
                    + "; set run.diffusion.scheme: implicit, or coupling: plain");
        }
        Double target = r.optionalNumber("target_relative_error", Range.between(
                DiffusionSpec.MIN_TARGET_RELATIVE_ERROR, DiffusionSpec.MAX_TARGET_RELATIVE_ERROR, ""));
        if (target != null && scheme == DiffusionSpec.Scheme.EXPLICIT) {
            throw ScenarioException.at(r.location(), "run.diffusion.target_relative_error", "= " + Range.format(target)
                    + " needs scheme: rkl2 or implicit; the explicit scheme's step is limited by stability (run.stability_safety × "
                    + "dx²/(6·Dmax)), far below any step an accuracy target would choose, so it has no step to choose");
        }
        if (target != null && dtS != null) {
            throw ScenarioException.at(r.location(), "run.diffusion.target_relative_error", "= " + Range.format(target)
                    + " and run.dt_s = " + Range.format(dtS) + " are both given; give one: run.dt_s for a fixed "
                    + "coupling step, or run.diffusion.target_relative_error for a step chosen for that accuracy");
        }
        if (scheme != DiffusionSpec.Scheme.EXPLICIT && dtS == null && target == null) {
            throw ScenarioException.at(r.location(), "run.dt_s", "missing: the " + lower(scheme)
                    + " diffusion scheme takes the coupling step you give; set run.dt_s (s, > 0), e.g. 60, or "
                    + "run.diffusion.target_relative_error (e.g. 0.01) to have the step chosen for that accuracy");
        }
        return new DiffusionSpec(scheme, maxStages, coupling, target);
    }

    static Map<String, DiffusionSpec.Coupling> couplingNames() {
        Map<String, DiffusionSpec.Coupling> names = new LinkedHashMap<>();
        names.put("plain", DiffusionSpec.Coupling.PLAIN);
        names.put("unsplit", DiffusionSpec.Coupling.UNSPLIT);
        return names;
    }

    private static String lower(DiffusionSpec.Scheme scheme) {
        return scheme.name().toLowerCase(java.util.Locale.ROOT);
    }

    static Map<String, DiffusionSpec.Scheme> schemeNames() {
        Map<String, DiffusionSpec.Scheme> names = new LinkedHashMap<>();
        names.put("explicit", DiffusionSpec.Scheme.EXPLICIT);
        names.put("rkl2", DiffusionSpec.Scheme.RKL2);
        names.put("implicit", DiffusionSpec.Scheme.IMPLICIT);
        return names;
    }

    static Map<String, RunSpec.Splitting> splittingNames() {
        Map<String, RunSpec.Splitting> names = new LinkedHashMap<>();
        names.put("lie", RunSpec.Splitting.LIE);
        names.put("strang", RunSpec.Splitting.STRANG);
        return names;
    }

    private static MetricsSpec metrics(MapReader root, List<SpeciesSpec> species) {
        YamlNode node = root.get("metrics");
        MetricsSpec metrics;
        YamlNode drugNode = null;
        SourceLocation where = root.location();
        if (node == null) {
            metrics = MetricsSpec.DEFAULT;
        } else {
            MapReader r = MapReader.of(node, "metrics", "metrics settings", "drug_species", "exposure_threshold_unit_s");
            drugNode = r.get("drug_species");
            where = r.location();
            String drug = drugNode == null ? null : NodeReader.text(drugNode, "metrics.drug_species", "a species name");
            metrics = new MetricsSpec(drug, r.number("exposure_threshold_unit_s", Range.nonNegative("unit·s"), 0.0));
        }
        if (species.stream().noneMatch(s -> s.name().equals(metrics.drugSpecies()))) {
            String names = String.join(", ", species.stream().map(SpeciesSpec::name).toList());
            String problem = "names no species; allowed: one of the species names (" + names + ")";
            if (drugNode != null) {
                throw ScenarioException.badValue(drugNode, "metrics.drug_species", problem);
            }
            throw ScenarioException.at(where, "metrics.drug_species",
                    "= " + metrics.drugSpecies() + " (the default) " + problem);
        }
        return metrics;
    }
}
