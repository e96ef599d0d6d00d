package io.logjms.provider.message;

import jakarta.jms.JMSException;

/** Attaches a cause to a JMS exception both ways JMS clients look for it. */
final class JmsExceptionSupport {
    private JmsExceptionSupport() {
    }

    static <E extends JMSException> E withCause(E exception, Exception cause) {
        exception.initCause(cause);
        exception.setLinkedException(cause);
        return exception;
    }
}
