package org.stromasim.viewer;

import org.stromasim.viewer.data.ViewerInputException;

/**
 * The part of the tissue box that is drawn, as fractions of each axis in [0, 1] (so one clipping box
 * fits any grid).
 */
public record ClipBox(double xMin, double yMin, double zMin, double xMax, double yMax, double zMax) {

    public static final ClipBox FULL = new ClipBox(0, 0, 0, 1, 1, 1);

    public ClipBox {
        double[] values = {xMin, yMin, zMin, xMax, yMax, zMax};
        for (double v : values) {
            if (!(v >= 0 && v <= 1)) {
                throw new ViewerInputException("clipping box bound " + v + " must be a fraction of the box in [0, 1]");
            }
        }
        if (!(xMin < xMax && yMin < yMax && zMin < zMax)) {
            throw new ViewerInputException("clipping box is empty: min must be below max on every axis, got x "
                    + xMin + ".." + xMax + ", y " + yMin + ".." + yMax + ", z " + zMin + ".." + zMax);
        }
    }

    /** Parses {@code xmin,ymin,zmin,xmax,ymax,zmax} (fractions of the box). */
    public static ClipBox parse(String text) {
        String[] parts = text.split(",");
        if (parts.length != 6) {
            throw new ViewerInputException("--clip '" + text + "' must be six fractions xmin,ymin,zmin,xmax,ymax,zmax"
                    + " in [0, 1], e.g. 0,0,0,1,0.5,1 for the half box y < 0.5");
        }
        double[] v = new double[6];
        for (int i = 0; i < 6; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException notANumber) {
                throw new ViewerInputException("--clip '" + text + "': '" + parts[i].trim() + "' is not a number");
            }
        }
        return new ClipBox(v[0], v[1], v[2], v[3], v[4], v[5]);
    }

    /** The box with the upper bound along {@code axis} moved to {@code max}, kept above the lower bound. */
    public ClipBox withMax(int axis, double max) {
        double[] low = {xMin, yMin, zMin};
        double[] high = {xMax, yMax, zMax};
        high[axis] = Math.max(low[axis] + 0.02, Math.min(1, max));
        return new ClipBox(low[0], low[1], low[2], high[0], high[1], high[2]);
    }
}
