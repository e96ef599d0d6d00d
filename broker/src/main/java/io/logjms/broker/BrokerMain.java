package io.logjms.broker;

import io.logjms.broker.config.BrokerConfig;
import io.logjms.broker.config.BrokerConfigKeys;
import io.logjms.broker.config.ConfigException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code bin/logjms-broker} launcher: starts one broker and runs until SIGTERM or Ctrl-C. */
@Command(name = "logjms-broker", mixinStandardHelpOptions = true, versionProvider = BrokerMain.Version.class,
        description = "Starts a logjms broker. Settings come from the config file (see docs/CONFIGURATION.md); "
                + "--port, --http-port, --host, --data-dir, --node-id, --cluster-members and --cluster-port override it.")
public final class BrokerMain implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(BrokerMain.class);

    @Option(names = "--port", description = "TCP port to listen on (0 = any free port; default 7878)")
    Integer port;

    @Option(names = "--http-port", description = "HTTP port of /metrics, /health and the web console "
            + "(0 = any free port, -1 = no HTTP; default 7880)")
    Integer httpPort;

    @Option(names = "--host", description = "address to listen on (default localhost)")
    String host;

    @Option(names = "--data-dir", description = "directory for logs and metadata (default ./data)")
    Path dataDir;

    @Option(names = "--config", description = "broker properties file")
    Path configFile;

    @Option(names = "--node-id", paramLabel = "N", description = "this broker's id, unique in its cluster (node.id)")
    Integer nodeId;

    @Option(names = "--cluster-members", paramLabel = "H:P,...", description = "host:port of every broker's "
            + "cluster member, this one included (cluster.members); none = no cluster")
    String clusterMembers;

    @Option(names = "--cluster-port", paramLabel = "P", description = "this broker's cluster member port "
            + "(cluster.port; default 7900)")
    Integer clusterPort;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean refused;

    public static void main(String[] args) {
        int code = new CommandLine(new BrokerMain()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws Exception {
        Broker broker;
        try {
            BrokerConfig config = configFile != null ? BrokerConfig.load(configFile) : BrokerConfig.defaults();
            Broker.Builder builder = Broker.builder().config(config);
            if (port != null) {
                builder.port(port);
            }
            if (httpPort != null) {
                builder.httpPort(httpPort);
            }
            if (host != null) {
                builder.host(host);
            }
            if (dataDir != null) {
                builder.dataDir(dataDir);
            }
            if (nodeId != null) {
                builder.set(BrokerConfigKeys.NODE_ID.name(), nodeId.toString());
            }
            if (clusterMembers != null) {
                builder.set(BrokerConfigKeys.CLUSTER_MEMBERS.name(), clusterMembers);
            }
            if (clusterPort != null) {
                builder.set(BrokerConfigKeys.CLUSTER_PORT.name(), clusterPort.toString());
            }
            broker = builder.build();
        } catch (ConfigException e) {
            System.err.println("logjms-broker: configuration error: " + e.getMessage());
            return 2;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("shutting down");
            broker.close();
            stopped.countDown();
        }, "logjms-shutdown"));
        try {
            broker.start();
        } catch (IllegalStateException e) {
            System.err.println("logjms-broker: " + e.getMessage());
            return 1;
        }
        System.out.println("logjms broker listening on " + broker.host() + ":" + broker.port()
                + " (data in " + broker.dataDir().toAbsolutePath().normalize() + ")");
        if (broker.httpPort() >= 0) {
            System.out.println(httpLine(broker.host(), broker.httpPort()));
        }
        System.out.flush();
        // the member joins in the background; a broker the cluster refuses (or whose member cannot start) stops
        broker.cluster().joined().whenComplete((joined, e) -> {
            if (e != null && broker.isRunning()) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                System.err.println("logjms-broker: " + cause.getMessage());
                System.err.flush();
                refused = true;
                broker.close();
                stopped.countDown();
            }
        });
        stopped.await();
        return refused ? 1 : 0;
    }

    /** The launcher's second line; it says where metrics, health and the console are, and never "listening". */
    static String httpLine(String host, int port) {
        String address = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return "logjms HTTP (console, /metrics, /health) at http://" + address + ":" + port + "/";
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = BrokerMain.class.getPackage().getImplementationVersion();
            return new String[] {"logjms-broker " + (v == null ? "(development build)" : v)};
        }
    }
}
