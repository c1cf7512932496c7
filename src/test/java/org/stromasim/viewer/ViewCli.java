package org.stromasim.viewer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.stromasim.cli.CliHarness;

/** Runs {@code stromasim view ...} in-process with captured output, and reads the PNG it wrote. */
final class ViewCli {

    record Result(int exitCode, String out, String err) {
    }

    private ViewCli() {
    }

    static Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("view"));
        all.addAll(List.of(args));
        CliHarness.Result r = CliHarness.run(all.toArray(String[]::new));
        return new Result(r.exitCode(), r.out(), r.err());
    }

    /** Renders a screenshot and returns it; fails the test with the command's output when it did not work. */
    static BufferedImage screenshot(Path png, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--screenshot");
        all.add(png.toString());
        Result result = run(all.toArray(String[]::new));
        if (result.exitCode() != 0) {
            throw new AssertionError("view exited " + result.exitCode() + ": " + result.err() + result.out());
        }
        try {
            return ImageIO.read(png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
