package io.logjms.broker.admin;

import io.logjms.protocol.DestinationType;
import io.logjms.provider.admin.DestinationDetails;
import io.logjms.provider.admin.DestinationSettings;
import io.logjms.provider.admin.LogJmsAdmin;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code logjms topics ...} and {@code logjms queues ...}: list, create, describe, alter, delete. */
@Command(mixinStandardHelpOptions = true)
final class DestinationCommands {
    private final AdminCli cli;
    private final DestinationType type;

    @Spec
    CommandSpec spec;

    private DestinationCommands(AdminCli cli, DestinationType type) {
        this.cli = cli;
        this.type = type;
    }

    static CommandLine commandLine(AdminCli cli, DestinationType type) {
        CommandLine cl = new CommandLine(new DestinationCommands(cli, type));
        String one = Labels.type(type);
        String all = Labels.plural(type);
        setDescription(cl, null, "Lists, creates, describes, alters and deletes " + all + ".");
        setDescription(cl, "list", type == DestinationType.QUEUE
                ? "Lists every queue with its partition count, depth (messages not yet acknowledged) and consumers."
                : "Lists every topic with its partition count.");
        setDescription(cl, "create", "Creates a " + one + "; settings not given take the broker's defaults.");
        setDescription(cl, "describe", "Shows a " + one + "'s settings and each partition's log start and end.");
        setDescription(cl, "alter", "Changes a " + one + "'s retention or segment size (the partition count is fixed).");
        setDescription(cl, "delete", "Deletes a " + one + " and its records.");
        return cl;
    }

    private static void setDescription(CommandLine cl, String sub, String description) {
        CommandLine target = sub == null ? cl : cl.getSubcommands().get(sub);
        target.getCommandSpec().usageMessage().description(description);
    }

    @Command(name = "list", mixinStandardHelpOptions = true)
    void list() {
        try (LogJmsAdmin admin = cli.connect()) {
            if (type == DestinationType.QUEUE) {
                List<QueueSummary> queues = QueueSummary.of(admin);
                cli.show(TextViews.queues(queues), JsonViews.queues(queues));
                return;
            }
            var list = admin.topics();
            cli.show(TextViews.destinations(type, list), JsonViews.destinations(list));
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true)
    void create(@Parameters(paramLabel = "NAME") String name,
                @Option(names = "--partitions", paramLabel = "N", description = "partition count") Integer partitions,
                @Option(names = "--retention-ms", paramLabel = "MS", description = RETENTION_MS) Long retentionMs,
                @Option(names = "--retention-bytes", paramLabel = "BYTES", description = RETENTION_BYTES) Long retentionBytes,
                @Option(names = "--segment-bytes", paramLabel = "BYTES", description = SEGMENT_BYTES) Long segmentBytes,
                @Option(names = "--replication-factor", paramLabel = "R", description = "copies of each partition in a "
                        + "cluster (default: the broker's replication.factor.default; at most the live brokers)")
                Integer replicationFactor) {
        if (partitions != null && partitions < 1) {
            throw new ParameterException(spec.subcommands().get("create"), "--partitions must be at least 1");
        }
        if (replicationFactor != null && replicationFactor < 1) {
            throw new ParameterException(spec.subcommands().get("create"), "--replication-factor must be at least 1");
        }
        DestinationSettings settings = new DestinationSettings(partitions, retentionMs, retentionBytes, segmentBytes,
                replicationFactor);
        try (LogJmsAdmin admin = cli.connect()) {
            if (type == DestinationType.TOPIC) {
                admin.createTopic(name, settings);
            } else {
                admin.createQueue(name, settings);
            }
            DestinationDetails d = details(admin, name);
            cli.show("created " + Labels.type(type) + " " + name + "\n\n" + TextViews.destination(d),
                    JsonViews.destination(d));
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true)
    void describe(@Parameters(paramLabel = "NAME") String name) {
        try (LogJmsAdmin admin = cli.connect()) {
            DestinationDetails d = details(admin, name);
            cli.show(TextViews.destination(d), JsonViews.destination(d));
        }
    }

    @Command(name = "alter", mixinStandardHelpOptions = true)
    void alter(@Parameters(paramLabel = "NAME") String name,
               @Option(names = "--retention-ms", paramLabel = "MS", description = RETENTION_MS) Long retentionMs,
               @Option(names = "--retention-bytes", paramLabel = "BYTES", description = RETENTION_BYTES) Long retentionBytes,
               @Option(names = "--segment-bytes", paramLabel = "BYTES", description = SEGMENT_BYTES) Long segmentBytes,
               @Option(names = "--partitions", paramLabel = "N", hidden = true, description = "refused: the partition count is"
                       + " fixed at creation") Integer partitions) {
        if (partitions != null) {
            throw new ParameterException(spec.subcommands().get("alter"), "the partition count of "
                    + Labels.type(type) + " " + name + " is fixed at creation and cannot be altered: create a new "
                    + Labels.type(type) + " with --partitions " + partitions + " and move producers and consumers to it");
        }
        DestinationSettings settings = new DestinationSettings(null, retentionMs, retentionBytes, segmentBytes);
        if (settings.hasNoLogSettings()) {
            throw new ParameterException(spec.subcommands().get("alter"),
                    "nothing to alter: give --retention-ms, --retention-bytes or --segment-bytes");
        }
        try (LogJmsAdmin admin = cli.connect()) {
            if (type == DestinationType.TOPIC) {
                admin.alterTopic(name, settings);
            } else {
                admin.alterQueue(name, settings);
            }
            DestinationDetails d = details(admin, name);
            cli.show("altered " + Labels.type(type) + " " + name + "\n\n" + TextViews.destination(d),
                    JsonViews.destination(d));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true)
    void delete(@Parameters(paramLabel = "NAME") String name) {
        try (LogJmsAdmin admin = cli.connect()) {
            if (type == DestinationType.TOPIC) {
                admin.deleteTopic(name);
            } else {
                admin.deleteQueue(name);
            }
            cli.show(TextViews.deleted(type, name), JsonViews.deleted(type, name));
        }
    }

    private DestinationDetails details(LogJmsAdmin admin, String name) {
        return type == DestinationType.TOPIC ? admin.describeTopic(name) : admin.describeQueue(name);
    }

    private static final String RETENTION_MS = "keep records this many milliseconds (-1: unlimited)";
    private static final String RETENTION_BYTES = "keep this many bytes per partition (-1: unlimited)";
    private static final String SEGMENT_BYTES = "roll log segments at this size";
}
