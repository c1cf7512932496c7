package org.stromasim.transport;

import org.stromasim.grid.Face;
import org.stromasim.grid.Grid3D;

/** The in-domain neighbour of a voxel across a face (set-up code only; the hot loops index directly). */
final class GridNeighbours {

    private GridNeighbours() {
    }

    /** Flat index of the neighbour of (i, j, k) across {@code face}, or −1 if that face is the domain boundary. */
    static int neighbour(Grid3D g, int i, int j, int k, Face face) {
        int[] ijk = {i, j, k};
        int[] size = {g.nx(), g.ny(), g.nz()};
        int moved = ijk[face.axis()] + face.side();
        if (moved < 0 || moved >= size[face.axis()]) {
            return -1;
        }
        ijk[face.axis()] = moved;
        return g.index(ijk[0], ijk[1], ijk[2]);
    }

    /** Flat index of the voxel on the opposite side of the domain, across a periodic {@code face}. */
    static int wrapped(Grid3D g, int i, int j, int k, Face face) {
        int[] ijk = {i, j, k};
        int[] size = {g.nx(), g.ny(), g.nz()};
        ijk[face.axis()] = face.side() < 0 ? size[face.axis()] - 1 : 0;
        return g.index(ijk[0], ijk[1], ijk[2]);
    }
}
