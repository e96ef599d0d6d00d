package io.logjms.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The broker's packages form no cycle, and no main class is longer than {@value #MAX_LINES} lines. Dependencies
 * are read from the sources: imports and fully qualified names of {@code io.logjms.broker} types. The root
 * package assembles the broker, so it may depend on every package but none on it.
 */
@Timeout(30)
class PackageCyclesTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("^package (io\\.logjms\\.broker[\\w.]*);", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\b(io\\.logjms\\.broker(?:\\.[a-z]\\w*)*)\\.[A-Z]\\w*");
    private static final int MAX_LINES = 600;
    /** Classes over the limit whose split is under way elsewhere (issue 10's subscription split). */
    @Test
    void brokerPackagesDependOnEachOtherWithoutCycles() {
        Map<String, Set<String>> graph = dependencies();
        assertThat(graph).as("packages found").containsKeys("io.logjms.broker.log", "io.logjms.broker.partition");

        List<List<String>> cycles = stronglyConnected(graph).stream().filter(c -> c.size() > 1).toList();

        assertThat(cycles).as("package cycles (each a set of packages that depend on each other)").isEmpty();
        assertThat(graph.entrySet()).as("packages that depend on the root package")
                .noneMatch(e -> !e.getKey().equals("io.logjms.broker") && e.getValue().contains("io.logjms.broker"));
    }

    @Test
    void hazelcastTypesStayInTheClusterPackage() {
        Map<String, String> users = new TreeMap<>();
        for (Path file : sources()) {
            String source = read(file);
            Matcher pkg = PACKAGE.matcher(source);
            if (source.contains("com.hazelcast") && (!pkg.find() || !pkg.group(1).equals("io.logjms.broker.cluster"))) {
                users.put(SOURCES.relativize(file).toString(), "uses com.hazelcast");
            }
        }
        assertThat(users).as("classes outside io.logjms.broker.cluster that use Hazelcast").isEmpty();
    }

    @Test
    void noMainClassIsLongerThanTheLimit() {
        Map<String, Long> tooLong = new TreeMap<>();
        for (Path file : sources()) {
            long lines = read(file).lines().count();
            if (lines > MAX_LINES) {
                tooLong.put(SOURCES.relativize(file).toString(), lines);
            }
        }
        assertThat(tooLong).as("main classes over %d lines", MAX_LINES).isEmpty();
    }

    private static List<Path> sources() {
        try (Stream<Path> files = Files.walk(SOURCES.resolve("io/logjms/broker"))) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Set<String>> dependencies() {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Path file : sources()) {
            String source = read(file);
            Matcher pkg = PACKAGE.matcher(source);
            if (!pkg.find()) {
                continue;
            }
            String from = pkg.group(1);
            Set<String> to = graph.computeIfAbsent(from, k -> new TreeSet<>());
            Matcher ref = REFERENCE.matcher(source.substring(pkg.end()));
            while (ref.find()) {
                if (!ref.group(1).equals(from)) {
                    to.add(ref.group(1));
                }
            }
        }
        return graph;
    }

    /** Tarjan's strongly connected components, iterative enough for a few dozen packages. */
    private static List<List<String>> stronglyConnected(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> components = new ArrayList<>();
        for (String start : graph.keySet()) {
            if (!index.containsKey(start)) {
                visit(start, graph, index, low, stack, onStack, components);
            }
        }
        return components;
    }

    private static void visit(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
                              Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                              List<List<String>> components) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                visit(w, graph, index, low, stack, onStack, components);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            components.add(component);
        }
    }
}
