package org.stromasim.tissue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.stromasim.grid.Grid3D;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.SpeciesSpec;
import org.stromasim.scenario.TissueSpec;

/**
 * Builds the initial {@link Tissue} procedurally from a {@link Scenario}; the same scenario and seed
 * always give the bit-identical tissue. Order (later steps overwrite earlier ones):
 * <ol>
 *   <li>regions: tumour nests (voxel centre inside the ellipsoid), then the stroma shell around them;</li>
 *   <li>cells: CANCER in nests; fibroblasts and CAFs scattered over normal and stroma voxels;</li>
 *   <li>{@code tissue.regions} in list order: cell type and baseline stiffness of the voxels whose
 *       centres lie in each shape ({@link RegionPainter}); then the cell-type label images of
 *       {@code tissue.images} where they cover the grid ({@link ImagePainter});</li>
 *   <li>vessels: lumen voxels become VESSEL (cell and region), overwriting everything; the wall area
 *       per volume and the vessel volume fraction of every voxel from the segments' true geometry
 *       ({@link VesselWallGeometry});</li>
 *   <li>stiffness per region × log-normal texture, then stiffness images where they cover the grid
 *       (final values, no texture); viability 1; exposure 0;</li>
 *   <li>distance to the nearest vessel voxel centre (exact EDT);</li>
 *   <li>concentrations: each species' initial value everywhere, vessel voxels included. The plasma
 *       level is not evaluated here: the backend sets vessel voxels from the plasma curve every step.
 *       Initial-concentration images then replace it where they cover the grid.</li>
 * </ol>
 * Texture, fibroblast placement and each random-walk vessel draw from separate {@link SeedStreams}.
 */
public final class TissueBuilder {

    private TissueBuilder() {
    }

    public static Tissue build(Scenario scenario) {
        return buildWithRegions(scenario).tissue();
    }

    public static BuiltTissue buildWithRegions(Scenario scenario) {
        return assemble(scenario, true);
    }

    /**
     * The region map the build paints (tumour, stroma shell, vessels, ...), without the vessel wall
     * geometry, the costliest part of a build, which the region map does not need.
     */
    public static TissueRegions regions(Scenario scenario) {
        return assemble(scenario, false).regions();
    }

    private static BuiltTissue assemble(Scenario scenario, boolean withVesselWall) {
        if (scenario.grid() == null || scenario.tissue() == null || scenario.ecm() == null || scenario.run() == null) {
            throw new IllegalArgumentException("scenario '" + scenario.name()
                    + "' needs grid, run, ecm and tissue sections to build a tissue");
        }
        Grid3D grid = scenario.grid().toGrid();
        TissueSpec spec = scenario.tissue();
        long seed = scenario.run().seed();
        List<String> names = new ArrayList<>();
        for (SpeciesSpec s : scenario.species()) {
            names.add(s.name());
        }
        Tissue tissue = new Tissue(grid, names);
        byte[] regions = new byte[grid.voxelCount()];
        byte[] cell = tissue.cell();

        List<EllipsoidNest> nests = new ArrayList<>();
        for (TissueSpec.Nest n : spec.nests()) {
            nests.add(EllipsoidNest.of(n));
        }
        NestPainter.paint(grid, nests, spec.stromaShellUm(), regions);
        byte tumour = TissueRegion.TUMOUR.code();
        for (int v = 0; v < regions.length; v++) {
            if (regions[v] == tumour) {
                cell[v] = CellType.CANCER.code();
            }
        }
        FibroblastPlacer.place(spec.fibroblasts(), regions, cell,
                SeedStreams.stream(seed, SeedStreams.Purpose.FIBROBLAST_PLACEMENT));

        float[] regionStiffness = RegionPainter.paint(grid, spec.regions(), regions, cell);
        ImagePainter.paintCells(grid, spec.images(), regions, cell);

        List<VesselSegment> segments = VesselPainter.segments(spec.vessels(), seed);
        boolean[] lumen = VesselPainter.lumenMask(grid, segments);
        if (withVesselWall) {
            tissue.setVesselWall(VesselWallGeometry.compute(grid, segments, lumen));
        }
        for (int v = 0; v < lumen.length; v++) {
            if (lumen[v]) {
                cell[v] = CellType.VESSEL.code();
                regions[v] = TissueRegion.VESSEL.code();
            }
        }

        StiffnessPainter.paint(grid, scenario.ecm(), regions, regionStiffness, tissue.stiffnessKpa(), seed);
        ImagePainter.paintStiffness(grid, spec.images(), regions, tissue.stiffnessKpa(), scenario.ecm().diffusivityLaw());
        Arrays.fill(tissue.viability(), 1f);
        Arrays.fill(tissue.drugExposure(), 0f);
        VesselDistanceTransform.compute(grid, lumen, tissue.vesselDistanceUm());
        for (int s = 0; s < names.size(); s++) {
            double initial = scenario.species().get(s).initial();
            if (!(initial >= 0) || !Double.isFinite(initial)) {
                throw new IllegalArgumentException("species[" + s + "] (" + names.get(s)
                        + ").initial must be a finite concentration >= 0, got " + initial);
            }
            Arrays.fill(tissue.concentration(s), (float) initial);
        }
        ImagePainter.paintConcentrations(grid, spec.images(), tissue);
        org.stromasim.matrix.HyaluronanState.initialise(scenario, tissue);
        return new BuiltTissue(tissue, new TissueRegions(grid, regions));
    }
}
