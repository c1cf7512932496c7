package org.stromasim.batch;

import java.util.List;
import java.util.Map;

/**
 * A readable axis title for a scenario key path or a metrics column: the unit suffix of the name
 * ({@code _kpa}, {@code _um2_per_s}, {@code _uM_s}, …) becomes a unit in parentheses and underscores
 * become spaces, e.g. {@code species.drug.d0_um2_per_s} → "species.drug d0 (µm²/s)" and
 * {@code ecm.stiffness_kpa.stroma} → "ecm stiffness stroma (kPa)".
 */
final class AxisLabel {

    /** Suffix → unit, longest first so that "_um2_per_s" wins over "_s". */
    private static final List<Map.Entry<String, String>> UNITS = List.of(
            Map.entry("_um2_per_s", "µm²/s"), Map.entry("_um_per_s", "µm/s"), Map.entry("_per_s", "1/s"),
            Map.entry("_uM_s", "µM·s"), Map.entry("_nM_s", "nM·s"), Map.entry("_unit_s", "unit·s"),
            Map.entry("_fraction", "%"), Map.entry("_amol", "amol"), Map.entry("_kpa", "kPa"), Map.entry("_nm", "nm"),
            Map.entry("_um", "µm"), Map.entry("_uM", "µM"), Map.entry("_nM", "nM"), Map.entry("_s", "s"));

    private AxisLabel() {
    }

    static String of(String name) {
        String[] parts = name.split("\\.");
        String unit = null;
        for (int i = 0; i < parts.length && unit == null; i++) {
            for (Map.Entry<String, String> u : UNITS) {
                if (parts[i].endsWith(u.getKey()) && parts[i].length() > u.getKey().length()) {
                    unit = u.getValue();
                    parts[i] = parts[i].substring(0, parts[i].length() - u.getKey().length());
                    break;
                }
            }
        }
        String text = String.join(" ", parts).replace('_', ' ');
        return unit == null ? text : text + " (" + unit + ")";
    }

    /** True when the metric is a fraction that the plot shows as a percentage. */
    static boolean isFraction(String name) {
        return name.endsWith("_fraction");
    }
}
