package io.logjms.benchmarks.sidebyside;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

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

    /**
     * Blocks until standard input closes, then exits (running the shutdown hooks). The benchmark keeps
     * a pipe to this process's standard input, so the broker stops even when the benchmark is killed
     * without a chance to stop it.
     */
    static void runUntilParentGoes() {
        byte[] buffer = new byte[256];
        try (InputStream in = System.in) {
            while (in.read(buffer) >= 0) {
                // the benchmark writes nothing; reading only detects its end
            }
        } catch (IOException e) {
            System.err.println("standard input failed, stopping: " + e);
        }
        System.exit(0);
    }
}
