package io.logjms.broker.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Whether the broker serves: healthy only while {@link State#SERVING} with every partition online. Starting
 * (recovery), stopping and an offline partition make it unhealthy, which {@code GET /health} answers with 503.
 * Thread-safe.
 */
public final class BrokerHealth {

    /** The broker's life cycle as the health check reports it. */
    public enum State {
        STARTING, SERVING, STOPPING, STOPPED;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private volatile State state = State.STARTING;
    private volatile Supplier<List<String>> offlinePartitions = List::of;

    public void state(State newState) {
        this.state = newState;
    }

    public State state() {
        return state;
    }

    /** Where the check finds the partitions that are offline. */
    public void watchPartitions(Supplier<List<String>> offline) {
        this.offlinePartitions = offline;
    }

    public Report check() {
        State now = state;
        List<String> offline = now == State.SERVING ? List.copyOf(offlinePartitions.get()) : List.of();
        return new Report(now == State.SERVING && offline.isEmpty(), now, offline);
    }

    /** The outcome of one check. */
    public record Report(boolean healthy, State state, List<String> offlinePartitions) {

        /** 200 when healthy, 503 (service unavailable) otherwise. */
        public int httpStatus() {
            return healthy ? 200 : 503;
        }

        /** The JSON body: {@code {"status":"UP","state":"serving","offlinePartitions":[]}}. */
        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("status", healthy ? "UP" : "DOWN");
            json.put("state", state.label());
            json.put("offlinePartitions", offlinePartitions);
            return json;
        }
    }
}
