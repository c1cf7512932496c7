/**
 * Everything a run writes to disk, safe against being killed at any moment.
 *
 * <pre>
 * RUN/
 *   scenario.yaml              resolved scenario text                      ({@link org.stromasim.io.RunDirectory})
 *   snapshots/snap_NNNNNN.h5   one HDF5 file per snapshot (also a checkpoint) ({@link org.stromasim.io.SnapshotWriter})
 *   run.xmf                    XDMF 3 temporal collection for ParaView     ({@link org.stromasim.io.XdmfWriter})
 *   metrics.csv                plain CSV: one header row, one row per interval ({@link org.stromasim.io.MetricsCsvWriter})
 *   run.json                   scenario, backend, version, requested end time, metrics units ({@link org.stromasim.io.RunInfo})
 *   run.log
 * </pre>
 *
 * Snapshot layout (format_version 1, names in {@link org.stromasim.io.SnapshotLayout}): root attributes
 * format_version, software_version, grid_dims [nx, ny, nz], voxel_um, time_s, step, snapshot_index,
 * backend, scenario (YAML text; dataset /scenario_yaml instead when over 32 KiB), scenario_name,
 * species; group /fields with float32 [nz][ny][nx] datasets cell, stiffness_kpa, viability,
 * vessel_distance_um, one per species, drug_exposure, each with a units attribute.
 *
 * <p>Kill safety: snapshots, run.xmf and scenario.yaml are written under a temporary name
 * ({@code .NAME.tmp}) in the same directory, forced to disk and renamed atomically, so a reader sees the
 * old file or the new one, never a torn one; listing ignores temporary names. metrics.csv is flushed
 * after every row, and resuming drops a torn last line.
 */
package org.stromasim.io;
