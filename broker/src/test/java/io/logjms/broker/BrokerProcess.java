package io.logjms.broker;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A broker run by {@link BrokerMain} in a JVM of its own, on the test class path, for tests that kill
 * it, signal it or read what the launcher prints. Its standard output and error are collected line by
 * line. {@link #close()} kills it if it still runs: call it in a finally block or {@code @AfterEach}.
 */
public final class BrokerProcess implements AutoCloseable {
    /** The line {@link BrokerMain} prints once the broker listens. */
    public static final Pattern READY_LINE = Pattern.compile("logjms broker listening on (\\S+):(\\d+) \\(data in (.+)\\)");
    /** The line {@link BrokerMain} prints after the ready line when HTTP is on. */
    public static final Pattern HTTP_LINE = Pattern.compile("logjms HTTP \\(console, /metrics, /health\\) at http://(\\S+):(\\d+)/");
    /** Part of what {@link Broker#start()} logs once every partition is loaded and it listens. */
    public static final String STARTED_LOG = "with data in";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** The JVM options of {@link #launch(String...)}: a small heap and a quick start. */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC");

    private final Process process;
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final CompletableFuture<Integer> readyPort = new CompletableFuture<>();
    private final CompletableFuture<Integer> httpPort = new CompletableFuture<>();
    private final List<Thread> pumps = new ArrayList<>();
    private final BufferedWriter logFile;
    private volatile boolean suspended;

    private BrokerProcess(Process process, Path logFile) throws IOException {
        this.process = process;
        this.logFile = logFile == null ? null : Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        pumps.add(pump(process.getInputStream(), "stdout", line -> {
            log(line);
            synchronized (stdout) {
                stdout.add(line);
            }
            Matcher m = READY_LINE.matcher(line);
            if (m.matches()) {
                readyPort.complete(Integer.parseInt(m.group(2)));
            }
            Matcher http = HTTP_LINE.matcher(line);
            if (http.matches()) {
                httpPort.complete(Integer.parseInt(http.group(2)));
            }
        }, () -> {
            readyPort.completeExceptionally(new IllegalStateException("the broker ended its output without"
                    + " the ready line; stderr:\n" + stderr()));
            httpPort.completeExceptionally(new IllegalStateException("the broker ended its output without"
                    + " the HTTP line; stderr:\n" + stderr()));
        }));
        pumps.add(pump(process.getErrorStream(), "stderr", line -> {
            log(line);
            synchronized (stderr) {
                stderr.add(line);
                stderr.notifyAll();
            }
        }, () -> { }));
    }

    /** Starts {@code BrokerMain} with these arguments; does not wait for it. */
    public static BrokerProcess launch(String... args) throws IOException {
        return launch(DEFAULT_JVM_OPTIONS, null, List.of(args));
    }

    /**
     * Starts {@code BrokerMain} in a JVM with these options (java from {@code java.home}, this JVM's class
     * path) and arguments; appends both output streams to {@code logFile} unless it is null. Does not wait.
     */
    public static BrokerProcess launch(List<String> jvmOptions, Path logFile, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BrokerMain.class.getName()));
        command.addAll(args);
        return launch(new ProcessBuilder(command), logFile);
    }

    /** Starts a command that ends up running {@code BrokerMain} (a launcher script); does not wait for it. */
    public static BrokerProcess launch(ProcessBuilder command) throws IOException {
        return launch(command, null);
    }

    private static BrokerProcess launch(ProcessBuilder command, Path logFile) throws IOException {
        Process process = command.start();
        try {
            return new BrokerProcess(process, logFile);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /**
     * Starts a broker on 127.0.0.1, any free port (HTTP too, unless {@code moreArgs} sets {@code --http-port}),
     * with {@code dataDir}, and waits until it listens.
     */
    public static BrokerProcess start(Path dataDir, String... moreArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0", "--data-dir",
                dataDir.toString()));
        if (!List.of(moreArgs).contains("--http-port")) {
            args.addAll(List.of("--http-port", "0"));
        }
        args.addAll(List.of(moreArgs));
        BrokerProcess p = launch(args.toArray(String[]::new));
        try {
            p.awaitReady();
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
        return p;
    }

    /** Waits for the ready line and returns the port it names. */
    public int awaitReady() {
        return awaitReady(START_TIMEOUT);
    }

    /** Waits at most {@code timeout} for the ready line and returns the port it names. */
    public int awaitReady(Duration timeout) {
        try {
            return readyPort.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker printed no ready line within " + timeout
                    + "; stderr:\n" + stderr(), e);
        }
    }

    public int port() {
        return awaitReady();
    }

    /** The HTTP port the launcher printed (after its ready line). */
    public int httpPort() {
        awaitReady();
        try {
            return httpPort.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker printed no HTTP line within " + START_TIMEOUT, e);
        }
    }

    /**
     * Waits for the process to end and for its last output to be read, and returns its exit code; fails
     * after {@code timeout}.
     */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the broker still runs after " + timeout + "; stderr:\n" + stderr());
        }
        for (Thread pump : pumps) {
            pump.join(TimeUnit.SECONDS.toMillis(5));
        }
        suspended = false;
        closeLog();
        return process.exitValue();
    }

    /** SIGKILL (a process stopped by SIGSTOP ends too): no shutdown hook runs, nothing is flushed by the broker. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    /** SIGTERM: the launcher's shutdown hook closes the broker; returns the exit code. */
    public int terminate(Duration timeout) throws InterruptedException {
        // through the handle: Process.destroy() also closes our ends of the pipes, losing what the hook logs
        process.toHandle().destroy();
        return awaitExit(timeout);
    }

    /** SIGSTOP: the JVM stops running but keeps its sockets; the kernel still accepts connections for it. */
    public void suspend() throws IOException, InterruptedException {
        suspended = true;
        signal("STOP");
    }

    /** SIGCONT after {@link #suspend()}. */
    public void resume() throws IOException, InterruptedException {
        signal("CONT");
        suspended = false;
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Whether it was stopped by {@link #suspend()} and not resumed since. */
    public boolean isSuspended() {
        return suspended;
    }

    public long pid() {
        return process.pid();
    }

    public String stdout() {
        synchronized (stdout) {
            return String.join("\n", stdout);
        }
    }

    /**
     * The standard error once it holds {@code fragment} (it is read on another thread, so lines the broker
     * logged before its ready line may arrive after it); fails after ten seconds.
     */
    public String stderrOnceItContains(String fragment) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (stderr) {
            while (!String.join("\n", stderr).contains(fragment)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new IllegalStateException("the broker did not log '" + fragment + "'; stderr:\n"
                            + String.join("\n", stderr));
                }
                try {
                    stderr.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while reading the broker's log", e);
                }
            }
            return String.join("\n", stderr);
        }
    }

    public String stderr() {
        synchronized (stderr) {
            return String.join("\n", stderr);
        }
    }

    /** Resumes a suspended broker first (so nothing stays stopped), then kills it if it still runs. */
    @Override
    public void close() {
        if (suspended && process.isAlive()) {
            try {
                resume();
            } catch (IOException | RuntimeException e) {
                // SIGKILL below ends a stopped process too
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        suspended = false;
        if (!process.isAlive()) {
            for (Thread pump : pumps) {
                try {
                    pump.join(TimeUnit.SECONDS.toMillis(2));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        closeLog();
    }

    private void closeLog() {
        if (logFile != null) {
            synchronized (logFile) {
                try {
                    logFile.close();
                } catch (IOException e) {
                    // nothing more will be written
                }
            }
        }
    }

    private void log(String line) {
        if (logFile == null) {
            return;
        }
        synchronized (logFile) {
            try {
                logFile.write(line);
                logFile.newLine();
                logFile.flush();
            } catch (IOException e) {
                // the log file is a convenience; the lines are kept in memory too
            }
        }
    }

    private static Thread pump(InputStream in, String name, Consumer<String> onLine, Runnable atEnd) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    onLine.accept(line);
                }
            } catch (IOException e) {
                // the process is gone; what was read is kept
            } finally {
                atEnd.run();
            }
        }, "broker-process-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
