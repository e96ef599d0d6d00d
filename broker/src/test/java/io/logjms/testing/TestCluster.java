package io.logjms.testing;

import io.logjms.broker.BrokerMain;
import io.logjms.broker.BrokerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine;

/**
 * N logjms brokers, each {@link BrokerMain} in a JVM of its own (java from {@code java.home}, the test class
 * path, a small heap), on 127.0.0.1 with {@code --port 0}: node {@code i} (1..N) has its own data directory and
 * log file under the given base directory (a JUnit {@code @TempDir}), its client port is read from its
 * "listening on host:port" line, and its Hazelcast port is picked free on 127.0.0.1 once and kept across
 * restarts. A clustered TestCluster passes {@code --node-id i --cluster-members 127.0.0.1:P1,... --cluster-port
 * Pi}; a standalone one (the launcher has no cluster flags before the cluster is merged, see
 * {@link #launcherHasClusterFlags()}) starts N independent brokers with the same lifecycle.
 *
 * <p>Operations: {@link #kill} (SIGKILL), {@link #stop} (SIGTERM, graceful), {@link #restart} (same node id,
 * data directory and settings, a new client port), {@link #pause} (SIGSTOP) and {@link #resume} (SIGCONT).
 * Settings reach the brokers through a properties file per node ({@code --config}), JVM options per node
 * through the builder. Every wait is bounded.
 *
 * <p>With {@link Builder#throughLinkProxies()} node {@code i} binds {@code 127.0.1.i}, is reached at
 * {@code 127.0.2.i} through a {@link LinkProxy} per port (client and Hazelcast), and {@link #links()} injects
 * faults between nodes; the address plan and what it needs from the broker are in {@link LinkFaults}.
 *
 * <p>Nothing outlives it: {@link #close()} resumes paused brokers and kills every broker; {@link TestClusterExtension}
 * closes the clusters a test made (and prints the tail of each node's log when the test failed); a JVM
 * shutdown hook kills whatever a crashed test run left. A paused process always gets SIGCONT or SIGKILL.
 * Not thread-safe: drive it from the test's thread.
 */
public final class TestCluster implements AutoCloseable {
    /** How long a broker may take to print its ready line; generous, the machine is shared. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** How long a graceful stop may take. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final String HOST = "127.0.0.1";
    private static final Set<BrokerProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(BrokerProcess::close),
                "test-cluster-cleanup"));
    }

    private final boolean clustered;
    private final LinkFaults links;
    private final List<Node> nodes;
    private final List<Long> startedPids = new ArrayList<>();
    private boolean closed;

    private TestCluster(Builder builder) throws IOException {
        this.clustered = builder.clustered;
        this.links = builder.throughLinkProxies ? new LinkFaults() : null;
        List<Integer> clusterPorts = new ArrayList<>();
        List<String> members = new ArrayList<>();
        for (int id = 1; id <= builder.size; id++) {
            int port = freePort(bindHost(id), advertisedHost(id), clusterPorts);
            clusterPorts.add(port);
            members.add(advertisedHost(id) + ":" + port);
        }
        List<Node> made = new ArrayList<>();
        try {
            for (int id = 1; id <= builder.size; id++) {
                Path dir = Files.createDirectories(builder.baseDir.resolve("node-" + id));
                int clusterPort = clusterPorts.get(id - 1);
                if (links != null) {
                    links.node(id);
                    if (clustered) {
                        links.expose(id, clusterPort);
                    }
                }
                made.add(new Node(id, dir, clusterPort, String.join(",", members), settingsOf(builder, id),
                        jvmOptionsOf(builder, id, clusterPort)));
            }
        } catch (IOException | RuntimeException e) {
            if (links != null) {
                links.close();
            }
            throw e;
        }
        this.nodes = List.copyOf(made);
    }

    private Map<String, String> settingsOf(Builder builder, int id) {
        Map<String, String> settings = new LinkedHashMap<>(builder.settings);
        if (links != null && clustered) {
            settings.put("advertised.host", advertisedHost(id));
        }
        settings.putAll(builder.nodeSettings.getOrDefault(id, Map.of()));
        return settings;
    }

    /** The builder's JVM options, then what Hazelcast needs here (see {@link LinkFaults}), then the node's own. */
    private List<String> jvmOptionsOf(Builder builder, int id, int clusterPort) {
        List<String> jvm = new ArrayList<>(builder.jvmOptions);
        if (clustered) {
            jvm.add("-Dhazelcast.phone.home.enabled=false"); // no network beyond loopback here
        }
        if (links != null) {
            if (clustered) {
                jvm.addAll(List.of("-Dhazelcast.socket.bind.any=false",
                        "-Dhazelcast.local.localAddress=" + bindHost(id),
                        "-Dhazelcast.local.publicAddress=" + advertisedHost(id) + ":" + clusterPort));
            }
            jvm.add("-Dhazelcast.socket.client.bind.any=false");
        }
        jvm.addAll(builder.nodeJvmOptions.getOrDefault(id, List.of()));
        return jvm;
    }

    private String bindHost(int id) {
        return links != null ? LinkFaults.bindHost(id) : HOST;
    }

    private String advertisedHost(int id) {
        return links != null ? LinkFaults.advertisedHost(id) : HOST;
    }

    /** A builder of {@code size} brokers whose directories go under {@code baseDir}. */
    public static Builder builder(Path baseDir, int size) {
        return new Builder(baseDir, size);
    }

    /**
     * Whether the broker launcher on the class path knows {@code --cluster-members} (false until the cluster
     * coordination is merged).
     */
    public static boolean launcherHasClusterFlags() {
        return new CommandLine(new BrokerMain()).getCommandSpec().findOption("--cluster-members") != null;
    }

    /**
     * Starts every node (in parallel) and waits until each listens.
     *
     * @throws IllegalStateException if it is clustered and the launcher has no cluster flags
     */
    public TestCluster start() throws IOException {
        if (clustered && !launcherHasClusterFlags()) {
            throw new IllegalStateException("the broker launcher has no --cluster-members flag (the cluster"
                    + " coordination is not in this build); build the TestCluster standalone() or"
                    + " clusteredIfSupported()");
        }
        for (Node node : nodes) {
            node.launch();
        }
        for (Node node : nodes) {
            node.awaitReady();
        }
        return this;
    }

    /** The faults between nodes of a cluster built {@link Builder#throughLinkProxies()}. */
    public LinkFaults links() {
        if (links == null) {
            throw new IllegalStateException("this TestCluster was not built throughLinkProxies()");
        }
        return links;
    }

    /** Whether the brokers were started with the cluster flags. */
    public boolean clustered() {
        return clustered;
    }

    public int size() {
        return nodes.size();
    }

    /** Node {@code id}, 1..{@link #size()}. */
    public Node node(int id) {
        if (id < 1 || id > nodes.size()) {
            throw new IllegalArgumentException("no node " + id + " in a cluster of " + nodes.size());
        }
        return nodes.get(id - 1);
    }

    public List<Node> nodes() {
        return nodes;
    }

    /** Node ids 1..n, for loops in tests. */
    public IntStream ids() {
        return IntStream.rangeClosed(1, nodes.size());
    }

    /** SIGKILL, and waits until the process has gone (a paused one too). */
    public void kill(int id) throws InterruptedException {
        node(id).running().kill();
    }

    /** SIGTERM: the broker closes itself; waits for its exit (a paused broker is resumed first). */
    public void stop(int id) throws IOException, InterruptedException {
        BrokerProcess p = node(id).running();
        if (p.isSuspended()) {
            p.resume();
        }
        p.terminate(STOP_TIMEOUT);
    }

    /**
     * Starts node {@code id} again with its node id, data directory, settings and Hazelcast port, and waits
     * until it listens, on a new client port. A node still running is stopped gracefully first.
     */
    public void restart(int id) throws IOException, InterruptedException {
        Node node = node(id);
        if (node.isRunning()) {
            stop(id);
        }
        node.launch();
        node.awaitReady();
    }

    /** SIGSTOP: the JVM stops, its sockets stay open (the kernel even accepts connections for it). */
    public void pause(int id) throws IOException, InterruptedException {
        node(id).running().suspend();
    }

    /** SIGCONT after {@link #pause}. */
    public void resume(int id) throws IOException, InterruptedException {
        BrokerProcess p = node(id).running();
        if (!p.isSuspended()) {
            throw new IllegalStateException("node " + id + " is not paused");
        }
        p.resume();
    }

    /**
     * {@code logjms://127.0.0.1:P1,...} with every node whose process runs (a paused one too); their advertised
     * addresses (the proxies) when built {@link Builder#throughLinkProxies()}.
     */
    public String bootstrapUrl() {
        String hosts = nodes.stream().filter(Node::isRunning).map(Node::address)
                .collect(Collectors.joining(","));
        if (hosts.isEmpty()) {
            throw new IllegalStateException("no broker of the cluster runs");
        }
        return "logjms://" + hosts;
    }

    /** {@link #bootstrapUrl()} with URL options such as {@code requestTimeout=1000}. */
    public String bootstrapUrl(String options) {
        return options.isEmpty() ? bootstrapUrl() : bootstrapUrl() + "?" + options;
    }

    /** The last 50 lines node {@code id} wrote, over all its starts. */
    public String logTail(int id) {
        return logTail(id, 50);
    }

    /** The last {@code lines} lines node {@code id} wrote, over all its starts. */
    public String logTail(int id, int lines) {
        return node(id).logTail(lines);
    }

    /** Every node's log tail, for a failure message. */
    public String describe(int linesPerNode) {
        StringBuilder out = new StringBuilder();
        for (Node node : nodes) {
            out.append("---- node ").append(node.id).append(node.isRunning() ? " (pid " + node.pid() + ")" : " (down)")
                    .append(", log ").append(node.logFile).append(", last ").append(linesPerNode)
                    .append(" lines:\n").append(node.logTail(linesPerNode)).append('\n');
        }
        return out.toString();
    }

    /** The pids of every broker process this cluster started, over all restarts. */
    public List<Long> startedPids() {
        return List.copyOf(startedPids);
    }

    /** Resumes paused brokers, then kills every broker and waits for them to end. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Node node : nodes) {
            node.closeProcess();
        }
        if (links != null) {
            links.close();
        }
    }

    /** A port free a moment ago on both hosts and not in {@code taken}. */
    private static int freePort(String host, String alsoOn, List<Integer> taken) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
                int port = s.getLocalPort();
                if (!taken.contains(port) && (alsoOn.equals(host) || isFree(alsoOn, port))) {
                    return port;
                }
            }
        }
        throw new IOException("no port free on both " + host + " and " + alsoOn + " after 50 attempts");
    }

    private static boolean isFree(String host, int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName(host))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** One broker of the cluster: its identity and directories stay, its process changes with restarts. */
    public final class Node {
        private final int id;
        private final Path dataDir;
        private final Path logFile;
        private final Path configFile;
        private final int clusterPort;
        private final List<String> args;
        private final List<String> jvmOptions;
        private BrokerProcess process;
        private int port = -1;

        private Node(int id, Path dir, int clusterPort, String members, Map<String, String> settings,
                List<String> jvmOptions) throws IOException {
            this.id = id;
            this.dataDir = dir.resolve("data");
            this.logFile = dir.resolve("broker.log");
            this.configFile = dir.resolve("broker.properties");
            this.clusterPort = clusterPort;
            this.jvmOptions = List.copyOf(jvmOptions);
            writeConfig(settings);
            List<String> a = new ArrayList<>(List.of("--host", bindHost(id), "--port", "0", "--http-port", "-1",
                    "--data-dir", dataDir.toString(), "--config", configFile.toString()));
            if (clustered) {
                a.addAll(List.of("--node-id", Integer.toString(id), "--cluster-members", members,
                        "--cluster-port", Integer.toString(clusterPort)));
            }
            this.args = List.copyOf(a);
        }

        private void writeConfig(Map<String, String> settings) throws IOException {
            try (Writer w = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
                w.write("# written by TestCluster for node " + id + "\n");
                for (Map.Entry<String, String> e : settings.entrySet()) {
                    w.write(e.getKey() + "=" + e.getValue() + "\n");
                }
            }
        }

        private void launch() throws IOException {
            if (isRunning()) {
                throw new IllegalStateException("node " + id + " already runs (pid " + process.pid() + ")");
            }
            Files.writeString(logFile, "==== TestCluster: starting node " + id + " " + args + "\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            if (links != null && port >= 0) {
                links.unexpose(id, port);
            }
            port = -1;
            process = BrokerProcess.launch(jvmOptions, logFile, args);
            LIVE.add(process);
            startedPids.add(process.pid());
        }

        private void awaitReady() {
            try {
                port = process.awaitReady(START_TIMEOUT);
                if (links != null) {
                    links.expose(id, port);
                }
            } catch (RuntimeException e) {
                throw new IllegalStateException("node " + id + " did not start: " + e.getMessage()
                        + "\nlog tail:\n" + logTail(40), e);
            }
        }

        private BrokerProcess running() {
            if (!isRunning()) {
                throw new IllegalStateException("node " + id + " does not run");
            }
            return process;
        }

        private void closeProcess() {
            if (process != null) {
                process.close();
                LIVE.remove(process);
            }
        }

        public int id() {
            return id;
        }

        /** The client port of its current start. */
        public int port() {
            if (!isRunning() || port < 0) {
                throw new IllegalStateException("node " + id + " does not run");
            }
            return port;
        }

        /** {@code host:port} of its current start, where clients reach it (its proxy when there are proxies). */
        public String address() {
            return advertisedHost(id) + ":" + port();
        }

        /** Its Hazelcast port (the same across restarts). */
        public int clusterPort() {
            return clusterPort;
        }

        public Path dataDir() {
            return dataDir;
        }

        public Path logFile() {
            return logFile;
        }

        /** The properties file it starts with ({@code --config}). */
        public Path configFile() {
            return configFile;
        }

        /** The launcher arguments of each of its starts. */
        public List<String> arguments() {
            return args;
        }

        /** The JVM options of each of its starts. */
        public List<String> jvmOptions() {
            return jvmOptions;
        }

        public long pid() {
            return running().pid();
        }

        /** Whether its process runs (a paused one does). */
        public boolean isRunning() {
            return process != null && process.isAlive();
        }

        public boolean isPaused() {
            return isRunning() && process.isSuspended();
        }

        /** The last {@code lines} lines of its log file. */
        public String logTail(int lines) {
            try {
                if (!Files.exists(logFile)) {
                    return "(no log yet)";
                }
                List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
                return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** How to start a {@link TestCluster}. */
    public static final class Builder {
        private final Path baseDir;
        private final int size;
        private boolean clustered = true;
        private boolean throughLinkProxies;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private final Map<Integer, Map<String, String>> nodeSettings = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>(BrokerProcess.DEFAULT_JVM_OPTIONS);
        private final Map<Integer, List<String>> nodeJvmOptions = new LinkedHashMap<>();

        private Builder(Path baseDir, int size) {
            if (size < 1) {
                throw new IllegalArgumentException("a cluster needs at least one node, not " + size);
            }
            this.baseDir = baseDir;
            this.size = size;
        }

        /**
         * Starts N independent brokers without the cluster flags (today's launcher has none); by default the
         * flags are passed and {@link TestCluster#start()} fails if the launcher lacks them.
         */
        public Builder standalone() {
            clustered = false;
            return this;
        }

        /** Passes the cluster flags when the launcher knows them, else starts standalone brokers. */
        public Builder clusteredIfSupported() {
            clustered = launcherHasClusterFlags();
            return this;
        }

        /**
         * Node {@code i} binds 127.0.1.i and is reached at 127.0.2.i through proxies that {@link TestCluster#links()}
         * can fault; see {@link LinkFaults} for the address plan and what the broker must do for it.
         */
        public Builder throughLinkProxies() {
            throughLinkProxies = true;
            return this;
        }

        /** A broker setting (docs/CONFIGURATION.md) for every node, e.g. {@code replication.factor.default}. */
        public Builder setting(String key, String value) {
            settings.put(key, value);
            return this;
        }

        /** A broker setting for node {@code id} only (overrides {@link #setting}). */
        public Builder nodeSetting(int id, String key, String value) {
            nodeSettings.computeIfAbsent(checkId(id), k -> new LinkedHashMap<>()).put(key, value);
            return this;
        }

        /** JVM options for every node, after the defaults (a small heap, C1 only, serial GC). */
        public Builder jvmOptions(String... options) {
            jvmOptions.addAll(List.of(options));
            return this;
        }

        /** JVM options for node {@code id} only, after the others. */
        public Builder nodeJvmOptions(int id, String... options) {
            nodeJvmOptions.computeIfAbsent(checkId(id), k -> new ArrayList<>()).addAll(List.of(options));
            return this;
        }

        /** The cluster, not started yet (its directories, config files and proxies are made). */
        public TestCluster build() throws IOException {
            return new TestCluster(this);
        }

        /** Builds and starts it, and waits until every node listens; kills what started if one fails. */
        public TestCluster start() throws IOException {
            TestCluster cluster = build();
            try {
                return cluster.start();
            } catch (IOException | RuntimeException e) {
                cluster.close();
                throw e;
            }
        }

        private int checkId(int id) {
            if (id < 1 || id > size) {
                throw new IllegalArgumentException("no node " + id + " in a cluster of " + size);
            }
            return id;
        }
    }
}
