package org.stromasim.scenario;

/**
 * A scenario that cannot be used: one problem, with a message that says where (file, line and
 * column), which key (its path, e.g. {@code species[drug].d0_um2_per_s}), the offending value and
 * what is allowed, e.g.
 * {@code fibrotic.yaml:14:5: species[drug].d0_um2_per_s = -3.0: must be > 0 (µm²/s)}.
 * The command line prints {@link #getMessage()} and exits with status 2.
 */
public final class ScenarioException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String keyPath;

    private ScenarioException(SourceLocation where, String keyPath, String message, Throwable cause) {
        super(message, cause);
        this.source = where.source();
        this.line = where.line();
        this.column = where.column();
        this.keyPath = keyPath;
    }

    /** A problem with the value {@code node} at {@code keyPath}: "where: path = value: problem". */
    static ScenarioException badValue(YamlNode node, String keyPath, String problem) {
        return new ScenarioException(node.location(), keyPath,
                node.location() + ": " + keyPath + " = " + node.describe() + ": " + problem, null);
    }

    /** A problem at a place with no value to show (missing key, unknown key): "where: path: problem". */
    static ScenarioException at(SourceLocation where, String keyPath, String problem) {
        String prefix = keyPath.isEmpty() ? "" : keyPath + ": ";
        return new ScenarioException(where, keyPath, where + ": " + prefix + problem, null);
    }

    /** A problem with the file as a whole (unreadable, not YAML). */
    static ScenarioException inFile(SourceLocation where, String problem, Throwable cause) {
        return new ScenarioException(where, "", where + ": " + problem, cause);
    }

    /** The file (or resource) name as given to the loader. */
    public String source() {
        return source;
    }

    /** 1-based line of the problem; 0 when it concerns the file as a whole. */
    public int line() {
        return line;
    }

    /** 1-based column of the problem; 0 when unknown. */
    public int column() {
        return column;
    }

    /** Key path such as {@code species[drug].d0_um2_per_s}; empty when the problem has none. */
    public String keyPath() {
        return keyPath;
    }
}
