package io.logjms.provider.it;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one stream of messages (a queue, or one subscription) was sent and what the application saw of
 * it: every message must be seen, a message seen again must carry JMSRedelivered, and a message the
 * application acknowledged (or committed) must not come back. Violations are collected, not thrown, so
 * that a listener thread can report them too. Thread-safe.
 */
final class DeliveryLedger {
    private final String name;
    private final Set<Integer> expected = new HashSet<>();
    private final Map<Integer, Integer> seen = new HashMap<>();
    private final Set<Integer> settled = new HashSet<>();
    private final List<String> violations = new ArrayList<>();

    DeliveryLedger(String name) {
        this.name = name;
    }

    synchronized void sent(int id) {
        expected.add(id);
    }

    /** The application got message {@code id}. */
    synchronized void seen(int id, boolean redelivered, String by) {
        if (!expected.contains(id)) {
            violations.add(name + ": message " + id + " was never sent here, yet " + by + " got it");
            return;
        }
        if (settled.contains(id)) {
            violations.add(name + ": message " + id + " came again to " + by + " after it was acknowledged");
        }
        int before = seen.merge(id, 1, Integer::sum) - 1;
        if (before > 0 && !redelivered) {
            violations.add(name + ": message " + id + " came again to " + by + " without JMSRedelivered");
        }
    }

    /** The application acknowledged (or committed) message {@code id}. */
    synchronized void settled(int id) {
        settled.add(id);
    }

    /** Checks that every message sent up to {@code upTo} was seen; returns the violations so far. */
    synchronized List<String> check(int upTo) {
        List<String> found = new ArrayList<>(violations);
        List<Integer> missing = expected.stream().filter(id -> id <= upTo && !seen.containsKey(id)).sorted().toList();
        if (!missing.isEmpty()) {
            found.add(name + ": messages " + missing + " were sent but never received");
        }
        return found;
    }
}
