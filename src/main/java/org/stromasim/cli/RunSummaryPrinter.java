package org.stromasim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.stromasim.io.RunDirectory;
import org.stromasim.metrics.MetricsRow;
import org.stromasim.metrics.PenetrationProfile;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.SpeciesSpec;
import org.stromasim.sim.RunResult;

/** Prints where a run's outputs are and its headline metrics. */
final class RunSummaryPrinter {

    private final PrintWriter out;

    RunSummaryPrinter(PrintWriter out) {
        this.out = out;
    }

    void print(Scenario scenario, Path runRoot, RunResult result) {
        MetricsRow m = result.finalMetrics();
        out.println();
        out.printf("finished %s: t = %s in %d steps (%.3g s wall, %.0f steps/s)%n", scenario.name(),
                Units.formatDuration(result.endTimeS()), result.steps(), result.wallSeconds(),
                result.steps() / Math.max(result.wallSeconds(), 1e-9));
        out.println("outputs:");
        out.println("  run directory  " + runRoot.toAbsolutePath().normalize());
        out.println("  ParaView       " + runRoot.resolve(RunDirectory.XDMF_FILE));
        out.println("  metrics        " + runRoot.resolve(RunDirectory.METRICS_FILE));
        out.println("  snapshots      " + runRoot.resolve(RunDirectory.SNAPSHOTS_DIR));
        out.println("headline metrics at the end:");
        scenario.findSpecies(scenario.metrics().drugSpecies()).ifPresent(drug -> printDrug(drug, m));
        out.printf("  mean stiffness                   %.3g kPa%n", m.value("mean_stiffness_kpa"));
        out.printf("  %-32s %s%n", "viable cancer cells", percent(m.value("viable_fraction")));
        if (scenario.biology() != null) {
            printBiology(scenario, m);
        }
        out.flush();
    }

    private void printBiology(Scenario scenario, MetricsRow m) {
        out.printf("  %-32s %s%n", "CAF fraction of fibroblasts", percent(m.value("caf_fraction")));
        out.printf("  %-32s %.3g kPa%n", "mean stiffness, stroma", m.value("stroma_mean_stiffness_kpa"));
        out.printf("  %-32s %.3g kPa%n", "mean stiffness, tumour", m.value("tumour_mean_stiffness_kpa"));
        out.printf("  %-32s %s%n", "cancer voxels above effective EC50", percent(m.value("cancer_above_effective_ec50_fraction")));
        scenario.findSpecies(scenario.biology().lactateSpecies()).ifPresent(l -> out.printf("  %-32s %.4g %s%n",
                "mean lactate, tumour", m.value("tumour_mean_lactate_" + l.unit().key()), l.unit().symbol()));
        out.printf("  %-32s %s%n", "cancer MCT1 lactate supply", percent(m.value("cancer_lactate_supply")));
    }

    private void printDrug(SpeciesSpec drug, MetricsRow m) {
        String name = drug.name();
        String unit = drug.unit().symbol();
        out.printf("  %-32s %.4g %s%n", name + " mean in tissue", m.value(name + "_mean_" + drug.unit().key()), unit);
        out.printf("  %-32s %.4g %s%n", name + " perivascular mean", m.value(name + "_perivascular_" + drug.unit().key()), unit);
        out.printf("  %-32s %s%n", name + " L50 from vessels", PenetrationProfile.describeHalfDepth(
                m.value(name + "_penetration_depth_um"), m.value(name + "_penetration_depth_beyond_um")));
        String exposureUnit = unit + "·s";
        out.printf("  %-32s %.4g %s%n", name + " exposure, tumour rim", m.value(name + "_exposure_tumour_rim_"
                + drug.unit().key() + "_s"), exposureUnit);
        out.printf("  %-32s %.4g %s%n", name + " exposure, tumour mean", m.value(name + "_exposure_tumour_mean_"
                + drug.unit().key() + "_s"), exposureUnit);
        out.printf("  %-32s %s%n", name + " exposure half-depth", PenetrationProfile.describeHalfDepth(
                m.value(name + "_exposure_half_depth_um"), m.value(name + "_exposure_half_depth_beyond_um")));
        out.printf("  %-32s %s%n", name + " concentration half-depth", PenetrationProfile.describeHalfDepth(
                m.value(name + "_tumour_half_depth_um"), m.value(name + "_tumour_half_depth_beyond_um")));
        out.printf("  %-32s %s%n", "cancer voxels above exposure", percent(m.value("cancer_exposed_fraction")));
    }

    /** A fraction as report prints it: "36.7 %". */
    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(java.util.Locale.ROOT, "%.1f %%", 100 * fraction);
    }
}
