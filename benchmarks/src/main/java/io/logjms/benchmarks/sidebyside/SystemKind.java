package io.logjms.benchmarks.sidebyside;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A messaging system as the benchmark measures it: one broker set-up. Kafka appears twice because its
 * flush policy decides whether an acknowledged message survives a power loss.
 */
public enum SystemKind {
    LOGJMS("logjms", "logjms", true),
    /** logjms with TLS between client and broker: the broker copies stored batches instead of zero-copy sends. */
    LOGJMS_TLS("logjms-tls", "logjms over TLS", true),
    ARTEMIS("artemis", "Artemis", true),
    KAFKA("kafka", "Kafka (page cache)", false),
    KAFKA_FSYNC("kafka-fsync", "Kafka (fsync per append)", true);

    private final String id;
    private final String label;
    private final boolean durableAgainstPowerLoss;

    SystemKind(String id, String label, boolean durableAgainstPowerLoss) {
        this.id = id;
        this.label = label;
        this.durableAgainstPowerLoss = durableAgainstPowerLoss;
    }

    /** The name used on the command line and in the CSV and JSON files. */
    public String id() {
        return id;
    }

    /** The name shown in tables and charts. */
    public String label() {
        return label;
    }

    /** Whether an acknowledged message is on disk (fsync'd) before the producer hears of it. */
    public boolean durableAgainstPowerLoss() {
        return durableAgainstPowerLoss;
    }

    /** The systems logjms (in plain TCP) is compared with, in display order. */
    public static List<SystemKind> references() {
        return List.of(LOGJMS_TLS, ARTEMIS, KAFKA, KAFKA_FSYNC);
    }

    /**
     * Parses a comma-separated list such as {@code logjms,logjms-tls,artemis,kafka}. {@code kafka} stands for both
     * Kafka set-ups; {@code kafka-pagecache} and {@code kafka-fsync} name one each. The result keeps
     * the enum's order so systems are always interleaved the same way.
     */
    public static List<SystemKind> parseList(String text) {
        Set<SystemKind> chosen = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "" -> {
                }
                case "logjms" -> chosen.add(LOGJMS);
                case "logjms-tls" -> chosen.add(LOGJMS_TLS);
                case "artemis" -> chosen.add(ARTEMIS);
                case "kafka" -> {
                    chosen.add(KAFKA);
                    chosen.add(KAFKA_FSYNC);
                }
                case "kafka-pagecache" -> chosen.add(KAFKA);
                case "kafka-fsync" -> chosen.add(KAFKA_FSYNC);
                default -> throw new IllegalArgumentException("unknown system '" + part.trim()
                        + "' (expected logjms, logjms-tls, artemis, kafka, kafka-pagecache or kafka-fsync)");
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no system given");
        }
        List<SystemKind> ordered = new ArrayList<>();
        for (SystemKind kind : values()) {
            if (chosen.contains(kind)) {
                ordered.add(kind);
            }
        }
        return ordered;
    }
}
