package io.logjms.benchmarks.sidebyside;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The workloads of {@code BENCH.md}, run in this order within one broker's turn. */
public enum Workload {
    W1("1 producer publishes persistent messages to one topic (sync and async send)"),
    W2("1 consumer drains stored messages (AUTO_ACKNOWLEDGE and DUPS_OK)"),
    W3("fixed-rate producer with a consumer running: latency from scheduled send to receipt"),
    W4("a new subscriber reads the whole retained history from the start"),
    W5("1 producer, 4 subscribers on one topic: aggregate consumed rate"),
    W6("replicated publish: 1 producer, async sends, to 3 brokers on one machine with replication factor 3", 3);

    private final String description;
    private final int brokers;

    Workload(String description) {
        this(description, 1);
    }

    Workload(String description, int brokers) {
        this.description = description;
        this.brokers = brokers;
    }

    public String description() {
        return description;
    }

    /** How many brokers it runs against: 1, or a cluster of 3 for W6. */
    public int brokers() {
        return brokers;
    }

    /** Parses a comma-separated list such as {@code W1,W3} (case-insensitive), keeping the enum's order. */
    public static List<Workload> parseList(String text) {
        Set<Workload> chosen = EnumSet.noneOf(Workload.class);
        for (String part : text.split(",")) {
            String name = part.trim().toUpperCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            try {
                chosen.add(valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown workload '" + part.trim() + "' (expected W1 to W6)", e);
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no workload given");
        }
        return new ArrayList<>(chosen);
    }
}
