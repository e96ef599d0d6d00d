package io.logjms.broker.admin;

import io.logjms.protocol.ErrorCode;
import io.logjms.provider.admin.LogJmsAdmin;
import io.logjms.provider.admin.LogJmsAdminException;
import io.logjms.provider.admin.ResetPosition;
import io.logjms.provider.admin.SubscriptionDetails;
import io.logjms.provider.LogJmsConnectionFactory;
import io.logjms.provider.admin.SubscriptionSummary;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code logjms subscriptions ...}: list, describe, reset. */
@Command(mixinStandardHelpOptions = true,
        description = "Lists, describes, resets and deletes subscriptions (queue cursors, durable and shared topic subscriptions).")
final class SubscriptionCommands {
    private static final String BROKER_FORCE_HINT = "force the reset";

    private final AdminCli cli;

    private SubscriptionCommands(AdminCli cli) {
        this.cli = cli;
    }

    static CommandLine commandLine(AdminCli cli) {
        return new CommandLine(new SubscriptionCommands(cli));
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists subscriptions with their kind, destination, client id, name and consumers.")
    void list(@Option(names = "--topic", paramLabel = "TOPIC", description = "only the subscriptions of this topic")
              String topic,
              @Option(names = "--lag", description = "with each subscription's lag and records in flight")
              boolean lag) {
        try (LogJmsAdmin admin = cli.connect()) {
            var list = admin.subscriptions(topic);
            if (lag) {
                List<SubscriptionDetails> details = new ArrayList<>();
                for (SubscriptionSummary s : list) {
                    describeIfStillThere(admin, s.id()).ifPresent(details::add);
                }
                cli.show(TextViews.subscriptionsWithLag(details), JsonViews.subscriptionsWithLag(details));
            } else {
                cli.show(TextViews.subscriptions(list), JsonViews.subscriptions(list));
            }
        }
    }

    /** A subscription listed a moment ago may have ended since (a non-durable one with its consumer). */
    private static Optional<SubscriptionDetails> describeIfStillThere(LogJmsAdmin admin, String id) {
        try {
            return Optional.of(admin.describeSubscription(id));
        } catch (LogJmsAdminException e) {
            if (e.error() == ErrorCode.UNKNOWN_SUBSCRIPTION) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Deletes a durable subscription (durable/CLIENT_ID/NAME or shared-durable/CLIENT_ID/NAME)"
                    + " with its position; refused while consumers are attached.")
    void delete(@Parameters(paramLabel = "ID", description = "subscription id, as listed") String id)
            throws JMSException {
        DurableSubscriptionId durable = DurableSubscriptionId.parse(id);
        LogJmsConnectionFactory factory = cli.connectionFactory();
        if (durable.clientId() != null) {
            factory.setClientID(durable.clientId());
        }
        try (Connection connection = factory.createConnection()) {
            connection.createSession(Session.AUTO_ACKNOWLEDGE).unsubscribe(durable.name());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("deleted", true);
        cli.show("deleted subscription " + id + "\n", json);
    }

    @Command(name = "describe", mixinStandardHelpOptions = true,
            description = "Shows per partition: log start, log end, committed position, lag, records in flight and "
                    + "records skipped by retention.")
    void describe(@Parameters(paramLabel = "ID", description = "subscription id, as listed") String id) {
        try (LogJmsAdmin admin = cli.connect()) {
            SubscriptionDetails d = admin.describeSubscription(id);
            cli.show(TextViews.subscription(d), JsonViews.subscription(d));
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = "Moves a subscription: records from the new position on are delivered (again). Refused "
                    + "while consumers are attached, unless --force.")
    void reset(@Parameters(paramLabel = "ID", description = "subscription id, as listed") String id,
               @Option(names = "--to", required = true, paramLabel = "POSITION", converter = PositionConverter.class,
                       description = "earliest, latest, an ISO-8601 instant (2026-11-25T10:15:30Z) "
                               + "or <partition>:<offset>") ResetPosition to,
               @Option(names = "--force", description = "reset even while consumers are attached "
                       + "(their records in flight are forgotten)") boolean force) {
        try (LogJmsAdmin admin = cli.connect()) {
            Map<Integer, Long> positions = admin.resetSubscription(id, to, force);
            cli.show(TextViews.reset(id, to, positions), JsonViews.reset(id, to, force, positions));
        } catch (LogJmsAdminException e) {
            if (e.error() == ErrorCode.SUBSCRIPTION_IN_USE && !force) {
                throw new LogJmsAdminException(e.error(), withForceHint(e.getMessage()), e);
            }
            throw e;
        }
    }

    /** The broker suggests forcing the reset; on the command line that is {@code --force}. */
    static String withForceHint(String message) {
        if (message.endsWith(BROKER_FORCE_HINT)) {
            return message.substring(0, message.length() - BROKER_FORCE_HINT.length()) + "pass --force";
        }
        return message + " (pass --force to reset anyway)";
    }

    /** Parses {@code --to} with {@link ResetPosition#parse}. */
    static final class PositionConverter implements CommandLine.ITypeConverter<ResetPosition> {
        @Override
        public ResetPosition convert(String value) {
            try {
                return ResetPosition.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
