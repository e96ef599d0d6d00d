package io.logjms.benchmarks.sidebyside;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops every broker process still running and removes its data when the benchmark JVM exits,
 * normally, on failure or on Ctrl-C. Thread-safe.
 */
final class ProcessCleanup {
    private static final Set<AutoCloseable> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessCleanup::closeAll, "bench-cleanup"));
    }

    private ProcessCleanup() {
    }

    static void register(AutoCloseable resource) {
        LIVE.add(resource);
    }

    static void unregister(AutoCloseable resource) {
        LIVE.remove(resource);
    }

    static void closeAll() {
        List<AutoCloseable> resources = new ArrayList<>(LIVE);
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("cleanup of " + resource + " failed: " + e);
            }
        }
    }
}
