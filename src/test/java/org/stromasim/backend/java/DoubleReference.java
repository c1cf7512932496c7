package org.stromasim.backend.java;

import org.stromasim.transport.TransportFields;
import org.stromasim.grid.Face;
import org.stromasim.grid.Grid3D;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.SpeciesSpec.BoundaryType;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.SpeciesBoundaries;
import org.stromasim.transport.TransportModel;

/**
 * A plain reference for one diffusing species with first-order loss k, written here in double:
 * forward Euler of the flux-form diffusion (harmonic-mean faces, a held face 2·D_v·(g − C)/dx²,
 * zero-flux faces nothing) at a step far below its stability limit, with the loss applied exactly,
 * Strang-split (half loss, diffusion, half loss). Double, so that 10⁵ steps do not accumulate the
 * float state's rounding (measured: two float explicit runs at 0.01 and 0.0025 limits differ by 7e-4).
 */
final class DoubleReference {

    private DoubleReference() {
    }

    static double[] run(LargeStepProblems.Problem p, double decayPerS, double endS, int steps) {
        Scenario sc = p.scenarioWith(DiffusionSpec.EXPLICIT);
        Tissue t = p.initial().copy();
        TransportModel model = TransportModel.compile(sc, t);
        Grid3D g = model.grid();
        float[] d = TransportFields.of(model).diffusivityUm2PerS(0);
        SpeciesBoundaries b = model.boundaries(0);
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        double dt = endS / steps;
        double inverseDx2 = 1 / (g.voxelUm() * g.voxelUm());
        double halfLoss = Math.exp(-decayPerS * dt / 2);
        double[] c = new double[g.voxelCount()];
        float[] c0 = t.concentration(0);
        for (int v = 0; v < c.length; v++) {
            c[v] = c0[v];
        }
        double[] next = new double[c.length];
        int[] n = {nx, ny, nz};
        for (int step = 0; step < steps; step++) {
            for (int v = 0; v < c.length; v++) {
                c[v] *= halfLoss;
            }
            for (int k = 0; k < nz; k++) {
                for (int j = 0; j < ny; j++) {
                    for (int i = 0; i < nx; i++) {
                        int v = i + nx * (j + ny * k);
                        double sum = 0;
                        for (Face face : Face.values()) {
                            int[] ijk = {i, j, k};
                            ijk[face.axis()] += face.side();
                            if (ijk[face.axis()] < 0 || ijk[face.axis()] >= n[face.axis()]) {
                                if (b.type(face) == BoundaryType.FIXED) {
                                    sum += 2.0 * d[v] * (b.fixedValue(face) - c[v]);
                                } else if (b.type(face) != BoundaryType.ZERO_FLUX) {
                                    throw new IllegalArgumentException("reference handles held and zero-flux faces only");
                                }
                                continue;
                            }
                            int nb = ijk[0] + nx * (ijk[1] + ny * ijk[2]);
                            double dv = d[v];
                            double dn = d[nb];
                            double face2 = dv + dn > 0 ? 2 * dv * dn / (dv + dn) : 0;
                            sum += face2 * (c[nb] - c[v]);
                        }
                        next[v] = c[v] + dt * inverseDx2 * sum;
                    }
                }
            }
            double[] swap = c;
            c = next;
            next = swap;
            for (int v = 0; v < c.length; v++) {
                c[v] *= halfLoss;
            }
        }
        return c;
    }

    static double relativeL2(float[] a, double[] reference) {
        double num = 0;
        double den = 0;
        for (int v = 0; v < a.length; v++) {
            num += (a[v] - reference[v]) * (a[v] - reference[v]);
            den += reference[v] * reference[v];
        }
        return Math.sqrt(num / den);
    }
}
