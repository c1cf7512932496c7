package org.stromasim.scenario;

/**
 * Time controls (YAML section {@code run}).
 *
 * @param endTimeS          simulated time at which the run stops, s
 * @param snapshotIntervalS interval between HDF5 snapshots, s (the initial state is always written)
 * @param metricsIntervalS  interval between rows of metrics.csv, s
 * @param seed              seed for every random choice in tissue building
 * @param dtS               requested transport step, s; {@code null} = automatic under the stability limit
 * @param stabilitySafety   fraction of the explicit stability limit used for the automatic step, (0, 1]
 * @param splitting         how reactions are split from diffusion
 * @param diffusion         the diffusion time integrator ({@code null} = {@link DiffusionSpec#EXPLICIT})
 * @param multigrid         the coarsening of each multigrid solve ({@code null} = {@link MultigridSpec#DEFAULT})
 */
public record RunSpec(
        double endTimeS,
        double snapshotIntervalS,
        double metricsIntervalS,
        long seed,
        Double dtS,
        Double stabilitySafety,
        Splitting splitting,
        DiffusionSpec diffusion,
        MultigridSpec multigrid) {

    public static final double DEFAULT_STABILITY_SAFETY = 0.9;

    public RunSpec {
        stabilitySafety = stabilitySafety == null ? DEFAULT_STABILITY_SAFETY : stabilitySafety;
        splitting = splitting == null ? Splitting.STRANG : splitting;
        diffusion = diffusion == null ? DiffusionSpec.EXPLICIT : diffusion;
        multigrid = multigrid == null ? MultigridSpec.DEFAULT : multigrid;
    }

    /** With the default (geometric) coarsening for every multigrid solve. */
    public RunSpec(double endTimeS, double snapshotIntervalS, double metricsIntervalS, long seed, Double dtS,
                   Double stabilitySafety, Splitting splitting, DiffusionSpec diffusion) {
        this(endTimeS, snapshotIntervalS, metricsIntervalS, seed, dtS, stabilitySafety, splitting, diffusion, null);
    }

    /** Explicit diffusion (the form used before {@code run.diffusion} existed). */
    public RunSpec(double endTimeS, double snapshotIntervalS, double metricsIntervalS, long seed, Double dtS,
                   Double stabilitySafety, Splitting splitting) {
        this(endTimeS, snapshotIntervalS, metricsIntervalS, seed, dtS, stabilitySafety, splitting, null, null);
    }

    /** Operator splitting of reactions and diffusion. */
    public enum Splitting {
        /** R(dt) then D(dt): first order in time. */
        LIE,
        /** R(dt/2) D(dt) R(dt/2): second order in time for smooth problems. */
        STRANG
    }
}
