package io.logjms.provider.message;

import io.logjms.protocol.message.MalformedMessageException;
import jakarta.jms.MessageFormatException;

/** Turns a body that cannot be decoded into the JMS exception a receiver sees. */
final class BodyDecoding {
    private BodyDecoding() {
    }

    static MessageFormatException failure(String bodyKind, MalformedMessageException cause) {
        return JmsExceptionSupport.withCause(
                new MessageFormatException("cannot decode the " + bodyKind + " body: " + cause.getMessage()), cause);
    }
}
