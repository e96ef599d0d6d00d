package io.logjms.ra;

import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;

/**
 * The exceptions of Jakarta Messaging 3.1 section 12.2 (and 7.3.5 for asynchronous sends): methods an
 * application in a Jakarta EE web or EJB container must not call throw {@code IllegalStateException}
 * ({@code IllegalStateRuntimeException} in the simplified API), naming the method.
 */
final class EeRestrictions {
    private EeRestrictions() {
    }

    static IllegalStateException forbidden(String method) {
        return new IllegalStateException(message(method));
    }

    static IllegalStateRuntimeException forbiddenRuntime(String method) {
        return new IllegalStateRuntimeException(message(method));
    }

    static String message(String method) {
        return method + " must not be called in a Jakarta EE web or EJB container (Jakarta Messaging 3.1, section"
                + " 12.2); logjms-ra connections are managed by the container";
    }

    static IllegalStateException asyncSend() {
        return new IllegalStateException(ASYNC_SEND);
    }

    static final String ASYNC_SEND = "an asynchronous send (with a CompletionListener) is not permitted in a Jakarta"
            + " EE web or EJB container (Jakarta Messaging 3.1, section 7.3.5); send synchronously";

    static IllegalStateException secondSession() {
        return new IllegalStateException("this connection already has an open session: in a Jakarta EE web or EJB"
                + " container a connection may have only one (Jakarta Messaging 3.1, section 12.2); close it first or"
                + " create another connection (the container pools them)");
    }
}
