package org.stromasim.scenario;

/**
 * Where a value came from: a scenario file, line and column (both 1-based), and the command-line
 * override that replaced it, if any. Printed as {@code file.yaml:14:5} or
 * {@code file.yaml:14:5 (--set run.end_time_s=600)}.
 */
record SourceLocation(String source, int line, int column, String override) {

    static SourceLocation of(String source, int line, int column) {
        return new SourceLocation(source, line, column, null);
    }

    /** The same place, marked as set by the override {@code keyPathEqualsValue}. */
    SourceLocation overriddenBy(String keyPathEqualsValue) {
        return new SourceLocation(source, line, column, keyPathEqualsValue);
    }

    /**
     * With an override on the embedded default scenario, only the option: a place inside the jar is no
     * place the user can open, the option is what they typed.
     */
    @Override
    public String toString() {
        if (override != null && ScenarioLoader.DEFAULT_RESOURCE.equals(source)) {
            return "--set " + override;
        }
        String where = line > 0 ? source + ":" + line + ":" + column : source;
        return override == null ? where : where + " (--set " + override + ")";
    }
}
