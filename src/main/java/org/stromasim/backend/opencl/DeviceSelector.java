package org.stromasim.backend.opencl;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Picks the device a run uses: by {@code --device} (an index from {@code stromasim devices}, or a
 * case-insensitive part of the device or platform name), or else the best usable one: a GPU, then
 * a CPU, then anything else; among equals the one with more compute units, then the first listed.
 */
public final class DeviceSelector {

    private DeviceSelector() {
    }

    /** The best usable device, if any. */
    public static Optional<OpenClDevice> best(List<OpenClDevice> devices) {
        return devices.stream()
                .filter(OpenClDevice::usable)
                .min(Comparator.comparing(OpenClDevice::kind)
                        .thenComparing(Comparator.comparingInt(OpenClDevice::computeUnits).reversed())
                        .thenComparingInt(OpenClDevice::index));
    }

    /**
     * The device named by {@code spec}; an {@link IllegalArgumentException} saying what was asked and
     * what exists when nothing usable matches.
     */
    public static OpenClDevice byName(List<OpenClDevice> devices, String spec) {
        String wanted = spec.trim();
        if (wanted.matches("\\d+")) {
            int index = Integer.parseInt(wanted);
            if (index >= devices.size()) {
                throw new IllegalArgumentException("--device " + wanted + ": no such device; allowed 0.."
                        + (devices.size() - 1) + " (" + summary(devices) + ")");
            }
            return requireUsable(devices.get(index), wanted);
        }
        String needle = wanted.toLowerCase(Locale.ROOT);
        List<OpenClDevice> matches = devices.stream()
                .filter(d -> d.name().toLowerCase(Locale.ROOT).contains(needle)
                        || d.platformName().toLowerCase(Locale.ROOT).contains(needle))
                .toList();
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("--device '" + wanted + "': no device name or platform contains it ("
                    + summary(devices) + ")");
        }
        List<OpenClDevice> usable = matches.stream().filter(OpenClDevice::usable).toList();
        if (usable.isEmpty()) {
            return requireUsable(matches.get(0), wanted);
        }
        return best(usable).orElseThrow();
    }

    private static OpenClDevice requireUsable(OpenClDevice device, String spec) {
        if (!device.usable()) {
            throw new IllegalArgumentException("--device " + spec + ": " + device.name() + " cannot be used: "
                    + device.unusableReason());
        }
        return device;
    }

    static String summary(List<OpenClDevice> devices) {
        if (devices.isEmpty()) {
            return "no devices";
        }
        return "devices: " + devices.stream().map(d -> d.index() + " = " + d.name())
                .collect(Collectors.joining(", "));
    }
}
