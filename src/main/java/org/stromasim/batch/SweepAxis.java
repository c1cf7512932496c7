package org.stromasim.batch;

import java.util.List;

/**
 * One swept scenario key and its values.
 *
 * @param keyPath      scenario key path as {@code --set} takes it, e.g. {@code ecm.stiffness_kpa.stroma}
 * @param values       the values as people read them (summary.csv, plot labels)
 * @param overrideYaml the same values as YAML text for the override {@code keyPath=value}
 * @param logarithmic  whether the values are log-spaced (plots use a log axis)
 * @param location     where the axis is written, "file:line:col", for messages
 */
public record SweepAxis(String keyPath, List<String> values, List<String> overrideYaml, boolean logarithmic,
                        String location) {

    public SweepAxis {
        values = List.copyOf(values);
        overrideYaml = List.copyOf(overrideYaml);
        if (values.size() != overrideYaml.size() || values.isEmpty()) {
            throw new IllegalArgumentException("axis " + keyPath + " needs one or more values");
        }
    }

    public int size() {
        return values.size();
    }
}
