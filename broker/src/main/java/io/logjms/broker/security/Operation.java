package io.logjms.broker.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a client wants to do with a destination, as named in an ACL file ({@code security.acl.file}). */
public enum Operation {
    /** Send to the destination. */
    PRODUCE,
    /** Receive from it: a queue consumer or a topic subscription (durable or not). */
    CONSUME,
    /** Look at a queue's messages without consuming them ({@code consume} on a queue allows it too). */
    BROWSE,
    /** Create the destination on first use (auto-create). */
    CREATE,
    /** Delete a durable subscription of the topic (JMS {@code unsubscribe}). */
    DELETE,
    /** The admin requests: create, describe, alter, delete destinations; list, describe, reset subscriptions. */
    ADMIN;

    /** The word used in ACL files and messages, e.g. {@code produce}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The operation written as {@code word}, exact lower case. */
    public static Optional<Operation> byWord(String word) {
        return Arrays.stream(values()).filter(o -> o.word().equals(word)).findFirst();
    }

    /** Every word, comma-separated, for error messages. */
    public static String words() {
        return Arrays.stream(values()).map(Operation::word).collect(Collectors.joining(", "));
    }
}
