package org.stromasim.tissue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.stromasim.grid.Grid3D;

/** Connected components of a voxel mask, for tests (flood fill). */
final class Connectivity {

    private Connectivity() {
    }

    /** Each component as its list of voxel indices; 26- or 6-connectivity. */
    static List<List<Integer>> components(Grid3D g, boolean[] mask, boolean use26) {
        boolean[] seen = new boolean[mask.length];
        List<List<Integer>> out = new ArrayList<>();
        for (int start = 0; start < mask.length; start++) {
            if (!mask[start] || seen[start]) {
                continue;
            }
            List<Integer> comp = new ArrayList<>();
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(start);
            seen[start] = true;
            while (!queue.isEmpty()) {
                int v = queue.poll();
                comp.add(v);
                int i = v % g.nx();
                int j = (v / g.nx()) % g.ny();
                int k = v / (g.nx() * g.ny());
                for (int dk = -1; dk <= 1; dk++) {
                    for (int dj = -1; dj <= 1; dj++) {
                        for (int di = -1; di <= 1; di++) {
                            int manhattan = Math.abs(di) + Math.abs(dj) + Math.abs(dk);
                            if (manhattan == 0 || (!use26 && manhattan > 1)) {
                                continue;
                            }
                            int a = i + di;
                            int b = j + dj;
                            int c = k + dk;
                            if (a < 0 || b < 0 || c < 0 || a >= g.nx() || b >= g.ny() || c >= g.nz()) {
                                continue;
                            }
                            int w = g.index(a, b, c);
                            if (mask[w] && !seen[w]) {
                                seen[w] = true;
                                queue.add(w);
                            }
                        }
                    }
                }
            }
            out.add(comp);
        }
        return out;
    }
}
