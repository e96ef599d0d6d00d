package io.logjms.ra;

import io.logjms.provider.LogJmsConnectionFactory;
import io.logjms.selector.Selector;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.resource.spi.InvalidPropertyException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The checked, immutable form of a {@link LogJmsActivationSpec}. Every rule lives here, and every error
 * names the property it is about, with the value and what is allowed.
 *
 * <p>The destination kind may be unknown until the {@code destinationLookup} is resolved (no
 * {@code destinationType} given): {@link #withKind} then checks the rules that depend on it.
 */
final class ActivationConfig {
    static final String QUEUE_TYPE = "jakarta.jms.Queue";
    static final String TOPIC_TYPE = "jakarta.jms.Topic";
    static final String AUTO_ACKNOWLEDGE = "Auto-acknowledge";
    static final String DUPS_OK_ACKNOWLEDGE = "Dups-ok-acknowledge";
    static final String DURABLE = "Durable";
    static final String NON_DURABLE = "NonDurable";
    static final int DEFAULT_MAX_SESSIONS = 10;
    /** Sessions at most, so that a typo does not start thousands of threads. */
    static final int MAX_MAX_SESSIONS = 1000;

    enum Kind { QUEUE, TOPIC }

    final String destinationLookup;
    final String destination;
    final Kind kind;
    final String messageSelector;
    final boolean dupsOk;
    final boolean durable;
    final String subscriptionName;
    final String clientId;
    final String connectionFactoryLookup;
    final int maxSessions;
    final String connectionUrl;
    final String user;
    final String password;
    final String startPosition;

    private ActivationConfig(LogJmsActivationSpec spec, Kind kind, boolean dupsOk, boolean durable, int maxSessions,
            String startPosition) {
        this.destinationLookup = blankToNull(spec.getDestinationLookup());
        this.destination = blankToNull(spec.getDestination());
        this.kind = kind;
        this.messageSelector = blankToNull(spec.getMessageSelector());
        this.dupsOk = dupsOk;
        this.durable = durable;
        this.subscriptionName = blankToNull(spec.getSubscriptionName());
        this.clientId = blankToNull(spec.getClientId());
        this.connectionFactoryLookup = blankToNull(spec.getConnectionFactoryLookup());
        this.maxSessions = maxSessions;
        this.connectionUrl = blankToNull(spec.getConnectionUrl());
        this.user = blankToNull(spec.getUser());
        this.password = spec.getPassword();
        this.startPosition = startPosition;
    }

    private ActivationConfig(ActivationConfig base, Kind kind) {
        this.destinationLookup = base.destinationLookup;
        this.destination = base.destination;
        this.kind = kind;
        this.messageSelector = base.messageSelector;
        this.dupsOk = base.dupsOk;
        this.durable = base.durable;
        this.subscriptionName = base.subscriptionName;
        this.clientId = base.clientId;
        this.connectionFactoryLookup = base.connectionFactoryLookup;
        this.maxSessions = base.maxSessions;
        this.connectionUrl = base.connectionUrl;
        this.user = base.user;
        this.password = base.password;
        this.startPosition = base.startPosition;
    }

    static ActivationConfig of(LogJmsActivationSpec spec) throws InvalidPropertyException {
        if (blankToNull(spec.getDestinationLookup()) == null && blankToNull(spec.getDestination()) == null) {
            throw invalid("destinationLookup", "neither destinationLookup (the JNDI name of a Queue or Topic) nor"
                    + " destination (the name of a logjms queue or topic) is set; set one of them");
        }
        Kind kind = kind(spec);
        boolean dupsOk = dupsOk(spec.getAcknowledgeMode());
        boolean durable = durable(spec.getSubscriptionDurability());
        int maxSessions = maxSessions(spec.getMaxSessions());
        String startPosition = startPosition(spec.getStartPosition());
        checkSelector(spec.getMessageSelector());
        checkConnectionUrl(spec.getConnectionUrl());
        ActivationConfig config = new ActivationConfig(spec, kind, dupsOk, durable, maxSessions, startPosition);
        config.checkKindRules();
        return config;
    }

    /** This configuration with the destination kind found by the lookup; checks the rules that need it. */
    ActivationConfig withKind(Kind resolved) throws InvalidPropertyException {
        if (kind != null && kind != resolved) {
            throw invalid("destinationType", "destinationType is " + typeName(kind) + " but destinationLookup '"
                    + destinationLookup + "' names a " + typeName(resolved));
        }
        ActivationConfig config = new ActivationConfig(this, resolved);
        config.checkKindRules();
        return config;
    }

    private void checkKindRules() throws InvalidPropertyException {
        if (durable && subscriptionName == null) {
            throw invalid("subscriptionName", "subscriptionDurability is Durable but subscriptionName is not set;"
                    + " a durable subscription needs a name");
        }
        if (kind == Kind.QUEUE && durable) {
            throw invalid("subscriptionDurability", "subscriptionDurability is Durable but the destination is a"
                    + " queue; durable subscriptions exist only on topics (destinationType jakarta.jms.Topic)");
        }
        if (kind == Kind.QUEUE && startPosition != null) {
            throw invalid("startPosition", "startPosition '" + startPosition + "' applies to topics only: a queue is"
                    + " always consumed from its oldest unacknowledged message");
        }
    }

    /**
     * Sessions that consume at once: {@code maxSessions} on a queue and on a shared subscription; one on a
     * subscription only one consumer may have (non-durable without a name, or durable with a client id).
     */
    int sessions() {
        return kind == Kind.TOPIC && !sharedSubscription() ? 1 : maxSessions;
    }

    /**
     * On a topic: whether the activation's sessions share one subscription: a durable one without client
     * id ({@code createSharedDurableConsumer}), or a named non-durable one ({@code createSharedConsumer}).
     */
    boolean sharedSubscription() {
        return durable ? clientId == null : subscriptionName != null;
    }

    private static Kind kind(LogJmsActivationSpec spec) throws InvalidPropertyException {
        String type = blankToNull(spec.getDestinationType());
        if (type == null) {
            // with a lookup the looked-up object tells; a plain name is a queue, as in other adapters
            return blankToNull(spec.getDestinationLookup()) != null ? null : Kind.QUEUE;
        }
        switch (type.trim()) {
            case QUEUE_TYPE:
                return Kind.QUEUE;
            case TOPIC_TYPE:
                return Kind.TOPIC;
            default:
                throw invalid("destinationType", "destinationType '" + type + "' is not allowed; use "
                        + QUEUE_TYPE + " or " + TOPIC_TYPE);
        }
    }

    private static boolean dupsOk(String mode) throws InvalidPropertyException {
        String value = blankToNull(mode);
        if (value == null || value.equalsIgnoreCase(AUTO_ACKNOWLEDGE)) {
            return false;
        }
        if (value.equalsIgnoreCase(DUPS_OK_ACKNOWLEDGE)) {
            return true;
        }
        throw invalid("acknowledgeMode", "acknowledgeMode '" + mode + "' is not allowed; use " + AUTO_ACKNOWLEDGE
                + " or " + DUPS_OK_ACKNOWLEDGE);
    }

    private static boolean durable(String durability) throws InvalidPropertyException {
        String value = blankToNull(durability);
        if (value == null || value.equalsIgnoreCase(NON_DURABLE)) {
            return false;
        }
        if (value.equalsIgnoreCase(DURABLE)) {
            return true;
        }
        throw invalid("subscriptionDurability", "subscriptionDurability '" + durability + "' is not allowed; use "
                + DURABLE + " or " + NON_DURABLE);
    }

    private static int maxSessions(Integer value) throws InvalidPropertyException {
        if (value == null) {
            return DEFAULT_MAX_SESSIONS;
        }
        if (value < 1 || value > MAX_MAX_SESSIONS) {
            throw invalid("maxSessions", "maxSessions " + value + " is out of range; use 1 to " + MAX_MAX_SESSIONS);
        }
        return value;
    }

    private static String startPosition(String position) throws InvalidPropertyException {
        String value = blankToNull(position);
        if (value == null) {
            return null;
        }
        String lower = value.trim().toLowerCase(Locale.ROOT);
        if (lower.equals("earliest") || lower.equals("latest")) {
            return lower;
        }
        try {
            return Instant.parse(value.trim()).toString();
        } catch (DateTimeParseException e) {
            throw invalid("startPosition", "startPosition '" + position + "' is not allowed; use earliest, latest or"
                    + " an ISO-8601 instant such as 2026-12-01T00:00:00Z");
        }
    }

    private static void checkSelector(String selector) throws InvalidPropertyException {
        if (blankToNull(selector) == null) {
            return;
        }
        try {
            Selector.parse(selector);
        } catch (InvalidSelectorException e) {
            throw invalid("messageSelector", "messageSelector '" + selector + "' is not a valid selector: "
                    + e.getMessage());
        }
    }

    private static void checkConnectionUrl(String url) throws InvalidPropertyException {
        if (blankToNull(url) == null) {
            return;
        }
        try {
            new LogJmsConnectionFactory(url.trim()).options();
        } catch (JMSException e) {
            throw invalid("connectionUrl", "connectionUrl '" + url + "' is not a valid logjms URL: " + e.getMessage());
        }
    }

    static String typeName(Kind kind) {
        return kind == Kind.QUEUE ? QUEUE_TYPE : TOPIC_TYPE;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static InvalidPropertyException invalid(String property, String message) {
        InvalidPropertyException e = new InvalidPropertyException("logjms activation property " + property + ": "
                + message);
        try {
            e.setInvalidPropertyDescriptors(new java.beans.PropertyDescriptor[] {
                new java.beans.PropertyDescriptor(property, LogJmsActivationSpec.class) });
        } catch (java.beans.IntrospectionException ignored) {
            // the message names the property anyway
        }
        return e;
    }
}
