package org.stromasim.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stromasim.metrics.PenetrationProfile;

/**
 * One headline metric of a run as a report prints it: a label, the metrics.csv column it comes from and
 * how to read it. Depths print as "41.2 µm" or "> 380 µm (not reached)" (with their {@code _beyond_um}
 * column); fractions as percentages, and their differences in percentage points; other values with
 * their unit, and their differences also in per cent.
 */
public record Headline(String label, String column, Kind kind, String unit) {

    public enum Kind {
        /** A half-depth in µm with a {@code <column minus _um>_beyond_um} bound when not reached. */
        DEPTH,
        /** A fraction 0..1, shown in per cent. */
        FRACTION,
        /** One minus the fraction in {@code column}, shown in per cent (cancer cells killed from the viable fraction). */
        ONE_MINUS_FRACTION,
        /** A quantity with a unit. */
        VALUE
    }

    /** The headline metrics that {@code table} has, in reading order. */
    public static List<Headline> of(MetricsTable table, String drug) {
        List<Headline> rows = new ArrayList<>();
        if (drug != null) {
            add(rows, table, new Headline("exposure half-depth into the tumour", drug + "_exposure_half_depth_um",
                    Kind.DEPTH, "µm"));
            add(rows, table, new Headline("concentration half-depth into the tumour", drug + "_tumour_half_depth_um",
                    Kind.DEPTH, "µm"));
            add(rows, table, new Headline(drug + " L50 from the nearest vessel", drug + "_penetration_depth_um",
                    Kind.DEPTH, "µm"));
            String rim = table.find(drug + "_exposure_tumour_rim_", "_s");
            if (rim != null) {
                add(rows, table, new Headline("exposure at the tumour rim", rim, Kind.VALUE, exposureUnit(rim)));
            }
            String mean = table.find(drug + "_exposure_tumour_mean_", "_s");
            if (mean != null) {
                add(rows, table, new Headline("mean exposure in the tumour", mean, Kind.VALUE, exposureUnit(mean)));
            }
            add(rows, table, new Headline("cancer voxels above the exposure threshold", "cancer_exposed_fraction",
                    Kind.FRACTION, "%"));
        }
        add(rows, table, new Headline("cancer voxels above the effective EC50", "cancer_above_effective_ec50_fraction",
                Kind.FRACTION, "%"));
        add(rows, table, new Headline("cancer cells killed", "viable_fraction", Kind.ONE_MINUS_FRACTION, "%"));
        // biology.endocrine: over living cancer voxels; the last one is the resistance read-out
        add(rows, table, new Headline("mean ER occupancy by antagonists, cancer", EndocrineReadout.OCCUPANCY,
                Kind.FRACTION, "%"));
        add(rows, table, new Headline("mean ER signalling suppressed, cancer", EndocrineReadout.SUPPRESSION,
                Kind.FRACTION, "%"));
        add(rows, table, new Headline("mean net suppression (after IL-6), cancer", EndocrineReadout.NET_SUPPRESSION,
                Kind.FRACTION, "%"));
        add(rows, table, new Headline("cancer voxels under-suppressed", EndocrineReadout.UNDER_SUPPRESSED,
                Kind.FRACTION, "%"));
        add(rows, table, new Headline("CAF fraction of fibroblasts", "caf_fraction", Kind.FRACTION, "%"));
        add(rows, table, new Headline("mean stiffness, stroma", "stroma_mean_stiffness_kpa", Kind.VALUE, "kPa"));
        add(rows, table, new Headline("mean stiffness, tumour", "tumour_mean_stiffness_kpa", Kind.VALUE, "kPa"));
        add(rows, table, new Headline("mean stiffness, all tissue", "mean_stiffness_kpa", Kind.VALUE, "kPa"));
        String lactate = table.find("tumour_mean_lactate_", "");
        if (lactate != null) {
            add(rows, table, new Headline("mean lactate, tumour", lactate, Kind.VALUE,
                    unitSymbol(lactate.substring("tumour_mean_lactate_".length()))));
        }
        return rows;
    }

    private static void add(List<Headline> rows, MetricsTable table, Headline h) {
        if (table.has(h.column)) {
            rows.add(h);
        }
    }

    /** The value as the report shows it (per cent for fractions) from the table's last row. */
    public double shown(MetricsTable table) {
        double v = table.last(column);
        return switch (kind) {
            case FRACTION -> 100 * v;
            case ONE_MINUS_FRACTION -> 100 * (1 - v);
            default -> v;
        };
    }

    /** The "beyond" bound of a depth that was not reached (NaN otherwise or for other kinds). */
    public double beyond(MetricsTable table) {
        if (kind != Kind.DEPTH) {
            return Double.NaN;
        }
        return table.last(column.substring(0, column.length() - "_um".length()) + "_beyond_um");
    }

    /** The last row's value as text, e.g. "41.2 µm", "36.7 %", "12.3 kPa", "> 380 µm (not reached)". */
    public String text(MetricsTable table) {
        double v = shown(table);
        return switch (kind) {
            case DEPTH -> PenetrationProfile.describeHalfDepth(v, beyond(table));
            case FRACTION, ONE_MINUS_FRACTION -> Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", v);
            case VALUE -> Double.isNaN(v) ? "n/a" : number(v) + " " + unit;
        };
    }

    /**
     * How the second run differs from the first, in words and numbers:
     * "exposure half-depth into the tumour: 41.0 µm → 57.0 µm (+16.0 µm, +39 %)",
     * "cancer cells killed: 36.7 % → 38.9 % (+2.2 percentage points)".
     */
    public String difference(MetricsTable first, MetricsTable second) {
        double a = shown(first);
        double b = shown(second);
        String change;
        if (Double.isNaN(a) || Double.isNaN(b)) {
            change = notReachedChange(Double.isNaN(a) && !Double.isNaN(beyond(first)),
                    Double.isNaN(b) && !Double.isNaN(beyond(second)), Double.isNaN(a), Double.isNaN(b));
        } else if (kind == Kind.FRACTION || kind == Kind.ONE_MINUS_FRACTION) {
            change = signed(b - a, 1) + " percentage points";
        } else {
            String decimals = kind == Kind.DEPTH ? signed(b - a, 1) + " " + unit : signedNumber(b - a) + " " + unit;
            change = a != 0 ? decimals + ", " + signed(100 * (b - a) / Math.abs(a), 1) + " %" : decimals;
        }
        return label + ": " + text(first) + " → " + text(second) + " (" + change + ")";
    }

    private String notReachedChange(boolean firstBeyond, boolean secondBeyond, boolean firstNaN, boolean secondNaN) {
        if (kind == Kind.DEPTH && firstBeyond && secondBeyond) {
            return "not reached in either run";
        }
        if (kind == Kind.DEPTH && firstBeyond && !secondNaN) {
            return "reached only in the second run";
        }
        if (kind == Kind.DEPTH && secondBeyond && !firstNaN) {
            return "reached only in the first run";
        }
        return "no difference can be given";
    }

    /** Four significant digits, no exponent for ordinary magnitudes. */
    public static String number(double v) {
        if (v == 0 || (Math.abs(v) >= 1e-6 && Math.abs(v) < 1e7)) {
            return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** Three significant digits, no exponent for ordinary magnitudes ("2.8", "0.0412", "1200"). */
    public static String number3(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        if (v == 0 || (Math.abs(v) >= 1e-6 && Math.abs(v) < 1e7)) {
            return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /**
     * A signed difference with {@code decimals} decimals; one too small to show there (it would read
     * "+0.0") is shown with two significant digits instead, so a small change is never hidden as none.
     */
    static String signed(double v, int decimals) {
        if (v != 0 && Math.abs(v) < 0.5 * Math.pow(10, -decimals)) {
            return (v > 0 ? "+" : "-") + new java.math.BigDecimal(Math.abs(v)).round(new java.math.MathContext(2))
                    .stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%+." + decimals + "f", v);
    }

    private static String signedNumber(double v) {
        return (v >= 0 ? "+" : "") + number(v);
    }

    private static String exposureUnit(String column) {
        // <drug>_exposure_tumour_rim_<unitKey>_s
        String body = column.substring(0, column.length() - 2);
        return unitSymbol(body.substring(body.lastIndexOf('_') + 1)) + "·s";
    }

    private static String unitSymbol(String key) {
        return switch (key) {
            case "uM" -> "µM";
            default -> key;
        };
    }
}
