package io.logjms.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds a currently unused TCP port on the loopback interface. */
public final class FreePort {

    private FreePort() {
    }

    /**
     * Binds a server socket to an ephemeral port on 127.0.0.1, closes it and returns the port. Another process
     * could take the port in between; on a test machine that window is small enough to accept.
     */
    public static int onLoopback() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback interface", e);
        }
    }
}
