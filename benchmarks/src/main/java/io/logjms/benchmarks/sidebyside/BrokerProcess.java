package io.logjms.benchmarks.sidebyside;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One broker running in its own JVM. Its output goes to a log file; the line
 * {@code <readyPrefix>HOST:PORT} tells that it accepts clients and where. {@link #close()} stops the
 * process (SIGTERM, then SIGKILL after 30 s) and deletes its data directory. Thread-safe.
 */
final class BrokerProcess implements AutoCloseable {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern ADDRESS = Pattern.compile("^([0-9A-Za-z.\\-]+):(\\d+)");

    private final String name;
    private final Process process;
    private final Path dataDir;
    private final CompletableFuture<HostPort> ready = new CompletableFuture<>();
    private final Thread outputPump;
    private final Path logFile;
    private final String readyPrefix;
    private boolean closed;

    /** Where a broker listens. */
    record HostPort(String host, int port) {
    }

    private BrokerProcess(String name, Process process, Path dataDir, Path logFile, String readyPrefix) {
        this.name = name;
        this.process = process;
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.readyPrefix = readyPrefix;
        this.outputPump = new Thread(() -> pump(logFile, readyPrefix), "bench-log-" + name);
        outputPump.setDaemon(true);
    }

    /**
     * Starts {@code command} and waits until it prints the ready line.
     *
     * @throws IOException when the process cannot start, exits or stays silent for {@code startTimeout};
     *         the process is stopped and its data removed before this returns
     */
    static BrokerProcess start(String name, List<String> command, Path dataDir, Path logFile, String readyPrefix,
            Duration startTimeout) throws IOException, InterruptedException {
        BrokerProcess broker = launch(name, command, dataDir, logFile, readyPrefix);
        broker.awaitReady(startTimeout);
        return broker;
    }

    /**
     * Starts {@code command} without waiting for its ready line (brokers of a cluster must all be started
     * before any of them is ready); {@link #awaitReady} waits.
     */
    static BrokerProcess launch(String name, List<String> command, Path dataDir, Path logFile, String readyPrefix)
            throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BrokerProcess broker = new BrokerProcess(name, process, dataDir, logFile, readyPrefix);
        ProcessCleanup.register(broker);
        broker.outputPump.start();
        return broker;
    }

    /**
     * Waits until it prints the ready line.
     *
     * @throws IOException when the process exits or stays silent for {@code startTimeout}; the process is then
     *         stopped and its data removed before this returns
     */
    void awaitReady(Duration startTimeout) throws IOException, InterruptedException {
        try {
            ready.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            close();
            throw new IOException(name + " printed no '" + readyPrefix + "' line within " + startTimeout.toSeconds()
                    + " s; see " + logFile, e);
        } catch (ExecutionException e) {
            close();
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            close();
            throw e;
        }
    }

    /** Parses the address after the ready prefix, e.g. {@code 127.0.0.1:41234 (data in /tmp/x)}. */
    static HostPort parseAddress(String afterPrefix) {
        Matcher m = ADDRESS.matcher(afterPrefix);
        if (!m.find()) {
            throw new IllegalArgumentException("no HOST:PORT at the start of '" + afterPrefix + "'");
        }
        return new HostPort(m.group(1), Integer.parseInt(m.group(2)));
    }

    private void pump(Path logFile, String readyPrefix) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                BufferedWriter log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                log.write(line);
                log.newLine();
                log.flush();
                if (!ready.isDone() && line.startsWith(readyPrefix)) {
                    ready.complete(parseAddress(line.substring(readyPrefix.length())));
                }
            }
        } catch (IOException | RuntimeException e) {
            ready.completeExceptionally(e);
        }
        if (!ready.isDone()) {
            String exit = process.isAlive() ? "closed its output" : "exited with code " + process.exitValue();
            ready.completeExceptionally(new IOException(name + " " + exit + " before it was ready; see " + logFile));
        }
    }

    String host() {
        return ready.join().host();
    }

    int port() {
        return ready.join().port();
    }

    /**
     * Stops the process and deletes its data. When interrupted while waiting for a clean stop, kills
     * the process at once and keeps the interrupt flag set.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            process.destroy();
            try {
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
                outputPump.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            TempDirs.deleteRecursively(dataDir);
        } finally {
            ProcessCleanup.unregister(this);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", data " + dataDir + ")";
    }
}
