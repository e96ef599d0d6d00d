package io.logjms.provider.message;

import jakarta.jms.JMSException;

/**
 * What {@link jakarta.jms.Message#acknowledge()} does for a received message: the session that
 * delivered it supplies one. A message being sent has none, and acknowledging it does nothing.
 */
@FunctionalInterface
public interface MessageAcknowledger {

    void acknowledge() throws JMSException;
}
