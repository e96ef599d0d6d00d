package io.logjms.provider;

import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;

/** The deletion rule shared by temporary queues and topics. */
final class TemporaryDestinationSupport {
    private TemporaryDestinationSupport() {
    }

    static void delete(LogJmsDestination destination, TemporaryDestinationDeleter deleter) throws JMSException {
        if (deleter == null) {
            throw new InvalidDestinationException("temporary destination " + destination
                    + " can only be deleted through the connection that created it");
        }
        deleter.delete(destination);
    }
}
