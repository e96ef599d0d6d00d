package io.logjms.benchmarks.sidebyside;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/logjms-bench}: measures logjms, ActiveMQ Artemis and Kafka on the same workloads in one
 * run, each broker in its own JVM, systems interleaved run by run; prints the table of medians and
 * ratios and writes CSV, JSON, Markdown and an SVG chart to the output directory.
 */
@Command(name = "logjms-bench", mixinStandardHelpOptions = true, sortOptions = false,
        version = "logjms-bench (side-by-side benchmark of the logjms build it runs from)",
        description = "Side-by-side benchmark of logjms, ActiveMQ Artemis and Kafka (see BENCH.md for the workloads).")
public final class SideBySideMain implements Callable<Integer> {
    private static final String SIMPLE_LOGGER_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    @Option(names = "--systems", defaultValue = "logjms,artemis,kafka",
            description = "comma-separated: logjms, logjms-tls (logjms with TLS, a throwaway self-signed certificate), "
                    + "artemis, kafka (= kafka-pagecache and kafka-fsync) (default: ${DEFAULT-VALUE})")
    String systems;

    @Option(names = "--workloads", defaultValue = "W1,W2,W3,W4,W5",
            description = "comma-separated workloads W1..W6; W6 (replicated publish) starts 3 brokers per system "
                    + "(default: ${DEFAULT-VALUE})")
    String workloads;

    @Option(names = "--messages", defaultValue = "100000", description = "N, messages per workload (default: ${DEFAULT-VALUE})")
    int messages;

    @Option(names = "--sync-messages", defaultValue = "5000",
            description = "messages of W1's synchronous sends, one fsync'd round trip each (default: ${DEFAULT-VALUE})")
    int syncMessages;

    @Option(names = "--runs", defaultValue = "3", description = "runs per system; medians are taken over them (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--payload", defaultValue = "1024", description = "message body in bytes (default: ${DEFAULT-VALUE})")
    int payload;

    @Option(names = "--rates", defaultValue = "2000,10000", split = ",",
            description = "W3 fixed rates in msgs/s (default: ${DEFAULT-VALUE})")
    List<Integer> rates;

    @Option(names = "--w3-duration", defaultValue = "20", description = "seconds W3 sends at each rate (default: ${DEFAULT-VALUE})")
    int w3Seconds;

    @Option(names = "--warmup", defaultValue = "50000",
            description = "untimed messages sent and received on each fresh broker first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--idle-timeout", defaultValue = "60",
            description = "seconds without progress after which a workload is given up (default: ${DEFAULT-VALUE})")
    int idleSeconds;

    @Option(names = "--broker-jvm-opts", defaultValue = "-Xms256m -Xmx1g -XX:+AlwaysPreTouch",
            description = "JVM options of every broker process (default: ${DEFAULT-VALUE})")
    String brokerJvmOptions;

    @Option(names = "--out", description = "output directory (default: bench-results/<UTC time>)")
    Path outDir;

    @Option(names = "--work-dir", description = "where the brokers' temporary data directories go; must be a real "
            + "disk for the fsync figures to mean anything (default: the system temp directory)")
    Path workDir;

    public static void main(String[] args) {
        // the Kafka and Artemis clients log every connection at INFO; keep the progress readable
        if (System.getProperty(SIMPLE_LOGGER_LEVEL) == null) {
            System.setProperty(SIMPLE_LOGGER_LEVEL, "warn");
        }
        System.exit(new CommandLine(new SideBySideMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        BenchSettings settings;
        try {
            settings = settings(started);
        } catch (IllegalArgumentException e) {
            System.err.println("logjms-bench: " + e.getMessage());
            return 2;
        }
        List<Measurement> measurements;
        try (Progress progress = new Progress(System.out, 2000)) {
            progress.say("logjms-bench: " + settings.systems().stream().map(SystemKind::id).toList() + " × "
                    + settings.workloads() + ", N = " + settings.messages() + ", " + settings.runs() + " runs; output in "
                    + settings.outDir());
            try (BrokerLauncher launcher = new BrokerLauncher(settings, settings.outDir().resolve("logs"))) {
                measurements = new BenchmarkRunner(settings, launcher, progress, warmup).run();
            }
        }
        Summary summary = Summary.of(settings.metrics(), settings.systems(), measurements);
        System.out.println();
        System.out.print(TableReport.render(summary));
        System.out.println();
        for (Path file : ReportFiles.write(settings.outDir(), settings, summary, started, machine())) {
            System.out.println("wrote " + file);
        }
        boolean anyFigure = measurements.stream().anyMatch(m -> m.value().isPresent());
        return anyFigure ? 0 : 1;
    }

    private BenchSettings settings(Instant started) {
        Path out = outDir != null ? outDir : Path.of("bench-results",
                DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started));
        Path work = workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"));
        List<String> jvmOptions = new ArrayList<>(Arrays.stream(brokerJvmOptions.trim().split("\\s+"))
                .filter(s -> !s.isEmpty()).toList());
        if (idleSeconds <= 0) {
            throw new IllegalArgumentException("--idle-timeout must be positive, got " + idleSeconds);
        }
        return new BenchSettings(SystemKind.parseList(systems), Workload.parseList(workloads), messages, syncMessages,
                runs, payload, rates, Duration.ofSeconds(w3Seconds), Duration.ofSeconds(idleSeconds), jvmOptions,
                out.toAbsolutePath(), work.toAbsolutePath());
    }

    private static Map<String, String> machine() {
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        machine.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        return machine;
    }
}
