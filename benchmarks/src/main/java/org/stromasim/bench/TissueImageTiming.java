package org.stromasim.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.stromasim.grid.Grid3D;
import org.stromasim.imaging.VolumeResampler;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;

/**
 * Time to read and check a tissue image (a gzip NRRD of nx × ny × nz uint16 samples, 1 × 1 × 2 µm) while
 * loading a scenario, and to resample it trilinearly onto a 256 × 256 × 128 grid of 2-µm voxels.
 * Usage: TissueImageTiming nx ny nz repeats (docs: benchmarks/README.md, "Tissue images").
 */
public final class TissueImageTiming {

    private TissueImageTiming() {
    }

    public static void main(String[] args) throws IOException {
        int nx = Integer.parseInt(args[0]);
        int ny = Integer.parseInt(args[1]);
        int nz = Integer.parseInt(args[2]);
        int repeats = Integer.parseInt(args[3]);
        Path dir = Files.createTempDirectory("image-timing");
        Path image = dir.resolve("big.nrrd");
        ByteBuffer b = ByteBuffer.allocate(2 * nx * ny * nz).order(ByteOrder.LITTLE_ENDIAN);
        Random random = new Random(1);
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    b.putShort((short) (2000 + 1000 * Math.sin(i / 20.0) * Math.cos(j / 30.0) + 50 * random.nextGaussian()));
                }
            }
        }
        try (OutputStream out = Files.newOutputStream(image)) {
            out.write(("NRRD0004\ntype: uint16\ndimension: 3\nsizes: " + nx + " " + ny + " " + nz
                    + "\nspacings: 1 1 2\nspace units: \"um\" \"um\" \"um\"\nencoding: gzip\nendian: little\n\n")
                    .getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream z = new ByteArrayOutputStream();
            try (GZIPOutputStream g = new GZIPOutputStream(z)) {
                g.write(b.array());
            }
            out.write(z.toByteArray());
        }
        Path scenario = dir.resolve("bench.yaml");
        Files.writeString(scenario, """
                name: image-timing
                grid: {nx: 256, ny: 256, nz: 128, voxel_um: 2}
                run: {end_time_s: 1, snapshot_interval_s: 1, metrics_interval_s: 1, seed: 1}
                ecm:
                  diffusivity_law: {law: ogston, fibre_radius_nm: 20, reference_stiffness_kpa: 3, reference_fibre_fraction: 0.05, stiffness_exponent: 2.25}
                  stiffness_kpa: {normal: 3, stroma: 18, tumour: 9}
                tissue:
                  stroma_shell_um: 0
                  images:
                    - {file: big.nrrd, sets: stiffness_kpa, intensity_range: [0, 65535], value_range: [0.5, 50]}
                species:
                  - {name: drug, d0_um2_per_s: 117, stokes_radius_nm: 0.6, boundaries: {default: zero_flux}}
                """);
        System.out.printf("image %d × %d × %d uint16 (%.1f MB gzip); grid 256 × 256 × 128%n", nx, ny, nz,
                Files.size(image) / 1e6);
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            Scenario s = ScenarioLoader.load(scenario);
            long t1 = System.nanoTime();
            float[] out = VolumeResampler.trilinear(s.tissue().images().get(0).volume(), new Grid3D(256, 256, 128, 2.0));
            long t2 = System.nanoTime();
            System.out.printf("load (read, decode, check, map) %.2f s; trilinear resampling %.2f s (%s)%n",
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9, out[12345]);
        }
    }
}
