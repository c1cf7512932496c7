package org.stromasim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.stromasim.grid.Grid3D;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.scenario.UnitPlausibility;
import org.stromasim.scenario.SpeciesSpec;
import org.stromasim.backend.java.JavaBackend;
import org.stromasim.sim.CheckedTimeStep;
import org.stromasim.sim.FloatRangeCheck;
import org.stromasim.sim.MemoryBudget;
import org.stromasim.sim.TimeStepRefusedException;
import org.stromasim.sim.Simulation;
import org.stromasim.sim.TimeStepPlan;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportFields;
import org.stromasim.transport.TransportModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stromasim validate}: checks a scenario and prints what a run of it would be: grid, memory,
 * tissue composition, diffusivity range per species over the stiffnesses present, the stable step,
 * each species' penetration length √(D/k) per cell type that removes it, the drug and its preset, and
 * the biology's slow clock, time scales and intervention timeline ({@link BiologySummary}).
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a scenario and print its grid, memory estimate, diffusivities, stable time step, penetration lengths, "
                + "drug preset and the biology's slow clock, time scales and interventions.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "SCENARIO", description = "Scenario YAML file (default: the embedded default scenario).")
    Path scenarioFile;

    @Option(names = "--set", paramLabel = "KEY.PATH=VALUE", description = "Override a scenario value (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Scenario scenario = scenarioFile == null
                ? ScenarioLoader.loadDefault(overrides)
                : ScenarioLoader.load(scenarioFile, overrides);
        UnitPlausibility.warnings(scenario).forEach(w -> spec.commandLine().getErr().println("warning: " + w));
        spec.commandLine().getErr().flush();
        // validate builds the tissue and the model (and, with an accuracy target, a Java pilot) itself
        MemoryBudget.of(scenario, scenario.run().diffusion().hasAccuracyTarget(), Runtime.getRuntime().availableProcessors())
                .requireFits(MemoryBudget.availableHeapBytes(), "to build and check it");
        Tissue tissue = TissueBuilder.build(scenario);
        TransportModel model = TransportModel.compile(scenario, tissue);
        TransportFields compiled = TransportFields.of(model);
        TimeStepPlan plan;
        try {
            plan = CheckedTimeStep.choose(scenario, tissue, compiled, scenario.run().endTimeS());
        } catch (TimeStepRefusedException refused) {
            throw LocatedRefusal.of(refused, scenarioFile, overrides);
        }
        if (scenario.run().diffusion().hasAccuracyTarget()) {
            // the step the run would choose over its first snapshot window: the same pilot, on the Java backend
            try (JavaBackend pilot = new JavaBackend(model, Runtime.getRuntime().availableProcessors())) {
                plan = Simulation.chooseAtStart(scenario, pilot, tissue.copy());
            }
        }
        Grid3D g = tissue.grid();

        out.printf("scenario %s: valid%n", scenario.name());
        out.printf("grid            %d × %d × %d voxels of %.4g µm = %.4g × %.4g × %.4g µm (%,d voxels)%n",
                g.nx(), g.ny(), g.nz(), g.voxelUm(), g.sizeXUm(), g.sizeYUm(), g.sizeZUm(), g.voxelCount());
        long state = tissue.stateBytes();
        // the thread count a run uses by default (one per processor); only the explicit plane buffers depend on it
        long backend = JavaBackend.workingBytes(g, scenario.species().size(), scenario.run(),
                Runtime.getRuntime().availableProcessors());
        out.printf("memory          state %s + Java backend working arrays %s = %s%n",
                Units.formatBytes(state), Units.formatBytes(backend), Units.formatBytes(state + backend));
        out.printf("tissue          %s%n", composition(tissue));
        org.stromasim.matrix.CompositionFields.of(scenario, tissue)
                .ifPresent(m -> out.printf("matrix          %s%n", m.ranges(tissue.cell())));
        if (tissue.gagFraction() != null) {
            var h = scenario.ecm().hyaluronan();
            out.printf("hyaluronan      state %s (GAG fraction of the extracellular space, per voxel); deposition k_t x the cell"
                    + " type's gag_fraction keeps it steady untreated; turnover t½ %s, hyaluronidase t½ %s at strength 1%n",
                    gagRange(tissue), Units.formatDuration(Math.log(2) / h.turnoverPerS()),
                    Units.formatDuration(Math.log(2) / h.hyaluronidasePerS()));
        }
        org.stromasim.flow.InterstitialFlow.of(scenario, tissue)
                .ifPresent(f -> out.printf("flow            %s%n                %s; %d cycles, mean reduction %.3g per cycle%n",
                        org.stromasim.flow.FlowSummary.of(f, tissue.cell()),
                        org.stromasim.flow.DarcyStarlingSolver.describe(scenario.run().multigrid().pressureCoarsening()),
                        f.iterations(), f.meanReduction()));
        compiled.perfusedFraction().ifPresent(f -> out.printf("vessels         %s%n",
                org.stromasim.flow.PerfusionSummary.of(f, TransportModel.vesselSurfaceToVolumePerUm(tissue))));
        out.printf("time step       %s%n", plan.reason());
        long steps = (long) Math.ceil(scenario.run().endTimeS() / plan.maxDtS());
        out.printf("run             to %s: about %,d transport steps%n",
                Units.formatDuration(scenario.run().endTimeS()), steps);
        out.println("species         D over tissue voxels (µm²/s)   penetration length √(D/k) by sink");
        for (int s = 0; s < scenario.species().size(); s++) {
            printSpecies(out, scenario.species().get(s), compiled.diffusivityUm2PerS(s), tissue.cell());
        }
        for (int s = 0; s < scenario.species().size(); s++) {
            if (model.bindsToMatrix(s)) {
                printBinding(out, scenario.species().get(s).name(), compiled.retardation(s),
                        compiled.diffusivityUm2PerS(s), tissue.cell());
            }
        }
        BiologySummary.printDrug(out, scenario);
        BiologySummary.printDosing(out, scenario);
        BiologySummary.print(out, scenario, plan);
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        for (FloatRangeCheck.Excess excess : FloatRangeCheck.check(scenario, scenario.run().endTimeS())) {
            err.println("warning: " + excess.message());
        }
        err.flush();
        return ExitCodes.OK;
    }

    private static String composition(Tissue tissue) {
        long[] counts = new long[CellType.COUNT];
        for (byte c : tissue.cell()) {
            counts[c]++;
        }
        StringBuilder sb = new StringBuilder();
        for (CellType t : CellType.values()) {
            if (counts[t.code()] > 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(t.key()).append(' ')
                        .append(String.format("%.1f%%", 100.0 * counts[t.code()] / tissue.cell().length));
            }
        }
        return sb.toString();
    }

    /**
     * A species bound reversibly to collagen: its retardation R over tissue voxels and the apparent
     * diffusivity D/R that a FRAP measurement would report.
     */
    private static void printBinding(PrintWriter out, String name, float[] retardation, float[] diffusivity,
                                     byte[] cell) {
        double minR = Double.POSITIVE_INFINITY;
        double maxR = 0;
        double minApparent = Double.POSITIVE_INFINITY;
        double maxApparent = 0;
        for (int v = 0; v < retardation.length; v++) {
            if (cell[v] == CellType.VESSEL.code()) {
                continue;
            }
            minR = Math.min(minR, retardation[v]);
            maxR = Math.max(maxR, retardation[v]);
            double apparent = diffusivity[v] / retardation[v];
            minApparent = Math.min(minApparent, apparent);
            maxApparent = Math.max(maxApparent, apparent);
        }
        out.printf("binding         %s: matrix retardation R %.4g – %.4g over tissue voxels, apparent D/R %.4g – %.4g µm²/s%n",
                name, minR, maxR, minApparent, maxApparent);
    }

    private static void printSpecies(PrintWriter out, SpeciesSpec species, float[] diffusivity, byte[] cell) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        double sum = 0;
        long n = 0;
        for (int v = 0; v < diffusivity.length; v++) {
            if (cell[v] == CellType.VESSEL.code()) {
                continue;
            }
            min = Math.min(min, diffusivity[v]);
            max = Math.max(max, diffusivity[v]);
            sum += diffusivity[v];
            n++;
        }
        double mean = n > 0 ? sum / n : Double.NaN;
        StringBuilder lengths = new StringBuilder();
        for (Map.Entry<CellType, Double> sink : linearSinks(species).entrySet()) {
            double k = sink.getValue();
            if (k > 0) {
                lengths.append(lengths.length() == 0 ? "" : ", ")
                        .append(String.format("%s %.3g µm", sink.getKey().key(), Math.sqrt(mean / k)));
            }
        }
        out.printf("  %-12s  %9.4g – %-9.4g (mean %.4g)   %s%n", species.name(), min, max, mean,
                lengths.length() == 0 ? "no sink" : lengths);
    }

    /**
     * First-order removal rate per cell type in the linear (C ≪ Km) regime: decay + binding + Vmax/Km, 1/s.
     * Cell types where only decay acts are summarised under "ecm" when decay is non-zero.
     */
    private static Map<CellType, Double> linearSinks(SpeciesSpec species) {
        Map<CellType, Double> sinks = new EnumMap<>(CellType.class);
        for (CellType t : CellType.values()) {
            if (t == CellType.VESSEL) {
                continue;
            }
            double k = species.decayPerS() + species.bindingPerS().getOrDefault(t, 0.0);
            SpeciesSpec.UptakeSpec uptake = species.uptake().get(t);
            if (uptake != null && uptake.km() > 0) {
                k += uptake.vmaxPerS() / uptake.km();
            }
            boolean specific = species.bindingPerS().containsKey(t) || species.uptake().containsKey(t);
            if (specific || (t == CellType.ECM && k > 0)) {
                sinks.put(t, k);
            }
        }
        return sinks;
    }

    /** "min–max" of the hyaluronan state over tissue voxels. */
    private static String gagRange(Tissue tissue) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < tissue.cell().length; v++) {
            if (tissue.cell()[v] != org.stromasim.tissue.CellType.VESSEL.code()) {
                min = Math.min(min, tissue.gagFraction()[v]);
                max = Math.max(max, tissue.gagFraction()[v]);
            }
        }
        return min > max ? "none" : String.format("%.4g–%.4g", min, max);
    }
}
