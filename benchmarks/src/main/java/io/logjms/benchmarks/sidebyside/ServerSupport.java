package io.logjms.benchmarks.sidebyside;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/** What the reference brokers' {@code main} methods share: argument parsing, free ports, lifetime. */
final class ServerSupport {
    /** The only address the brokers listen on. */
    static final String HOST = "127.0.0.1";

    private ServerSupport() {
    }

    /** A port that was free on 127.0.0.1 a moment ago. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }

    /** The value after {@code --data-dir}. */
    static Path dataDir(String[] args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--data-dir")) {
                return Path.of(args[i + 1]);
            }
        }
        throw new IllegalArgumentException("usage: --data-dir DIR [options]");
    }

    /** The value after {@code name}, if given. */
    static java.util.Optional<String> option(String[] args, String name) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return java.util.Optional.of(args[i + 1]);
            }
        }
        return java.util.Optional.empty();
    }

    static boolean hasFlag(String[] args, String flag) {
        for (String arg : args) {
            if (arg.equals(flag)) {
                return true;
            }
        }
        return false;
    }

    /** Prints the line the benchmark waits for: {@code <name> listening on 127.0.0.1:<port>}. */
    static void announce(String name, int port) {
        System.out.println(name + " listening on " + HOST + ":" + port);
        System.out.flush();
    }

    /** Stops a broker; called once, from a shutdown hook or when the benchmark goes away. */
    @FunctionalInterface
    interface Stopper {
        void stop() throws Exception;
    }

    /**
     * Announces the broker, then blocks until standard input closes. The benchmark keeps a pipe to this
     * process's standard input and never writes to it, so its end means the benchmark died without
     * stopping this broker: stop it, delete its data and exit. A normal stop (SIGTERM) runs
     * {@code stopper} from a shutdown hook and leaves the data to the benchmark.
     */
    static void serveUntilParentGoes(String name, int port, Path dataDir, Stopper stopper) {
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stopOnce = () -> {
            if (stopped.compareAndSet(false, true)) {
                try {
                    stopper.stop();
                } catch (Exception e) {
                    System.err.println(name + " did not stop cleanly: " + e);
                }
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stopOnce, name + "-shutdown"));
        announce(name, port);
        awaitEndOfInput();
        stopOnce.run();
        try {
            TempDirs.deleteRecursively(dataDir);
        } catch (IOException e) {
            System.err.println(name + " could not delete " + dataDir + ": " + e);
        }
        System.exit(0);
    }

    /** Returns when standard input reaches its end or fails. */
    static void awaitEndOfInput() {
        byte[] buffer = new byte[256];
        try {
            InputStream in = System.in;
            while (in.read(buffer) >= 0) {
                // the benchmark writes nothing; reading only detects its end
            }
        } catch (IOException e) {
            System.err.println("standard input failed: " + e);
        }
    }
}
