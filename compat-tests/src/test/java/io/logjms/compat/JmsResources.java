package io.logjms.compat;

import jakarta.jms.JMSException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Connections, contexts and other JMS objects opened by one scenario, closed in reverse order when the
 * scenario ends, whether it passed or not, so that a failing scenario cannot leak consumers into the next.
 */
public final class JmsResources implements AutoCloseable {

    /** Something a scenario opened; mirrors {@code close()} of the JMS types, which throw different exceptions. */
    @FunctionalInterface
    public interface Closer {
        void close() throws Exception;
    }

    private final Deque<Closer> opened = new ArrayDeque<>();

    /** Registers {@code resource} to be closed at the end of the scenario and returns it. */
    public <T> T track(T resource, Closer closer) {
        opened.push(closer);
        return resource;
    }

    /** Closes everything registered, newest first; the first failure is thrown after all were tried. */
    @Override
    public void close() throws JMSException {
        JMSException failure = null;
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new JMSException("closing a scenario's JMS resources failed: " + e);
                    failure.initCause(e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
