package io.logjms.broker.admin;

import java.util.Locale;

/** Human-readable forms of the numbers in destination settings: durations and byte sizes. */
final class Readable {
    private static final long[] MS_UNITS = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
    private static final String[] MS_NAMES = {"d", "h", "min", "s"};
    private static final String[] BYTE_NAMES = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Readable() {
    }

    /** {@code 604800000} → {@code 7d}, {@code 90000} → {@code 90s}, negative → {@code unlimited}. */
    static String millis(long ms) {
        if (ms < 0) {
            return "unlimited";
        }
        for (int i = 0; i < MS_UNITS.length; i++) {
            if (ms >= MS_UNITS[i] && ms % MS_UNITS[i] == 0) {
                return ms / MS_UNITS[i] + MS_NAMES[i];
            }
        }
        return ms + "ms";
    }

    /** {@code 1073741824} → {@code 1 GiB}, {@code 1536} → {@code 1.5 KiB}, negative → {@code unlimited}. */
    static String bytes(long bytes) {
        if (bytes < 0) {
            return "unlimited";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        int unit = (63 - Long.numberOfLeadingZeros(bytes)) / 10;
        double value = bytes / Math.pow(1024, unit);
        String number = String.format(Locale.ROOT, "%.1f", value);
        if (number.endsWith(".0")) {
            number = number.substring(0, number.length() - 2);
        }
        return number + " " + BYTE_NAMES[unit - 1];
    }
}
