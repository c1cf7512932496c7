package org.stromasim.matrix;

/**
 * What fills one voxel besides fluid.
 *
 * @param collagenFraction collagen fibre volume fraction of the extracellular space
 * @param gagFraction      glycosaminoglycan (hyaluronan) chain volume fraction of the extracellular space
 * @param cellFraction     volume fraction of the voxel occupied by cells
 */
public record MatrixComposition(double collagenFraction, double gagFraction, double cellFraction) {
}
