package io.logjms.broker.admin;

import io.logjms.provider.admin.ClusterDetails;
import io.logjms.provider.admin.LogJmsAdmin;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code logjms cluster describe}: the cluster as the broker at {@code --url} sees it. */
@Command(mixinStandardHelpOptions = true, description = "Describes the cluster the broker belongs to.")
final class ClusterCommands {
    private final AdminCli cli;

    private ClusterCommands(AdminCli cli) {
        this.cli = cli;
    }

    static CommandLine commandLine(AdminCli cli) {
        return new CommandLine(new ClusterCommands(cli));
    }

    @Command(name = "describe", mixinStandardHelpOptions = true, description = "Shows the cluster's name, its "
            + "controller and every broker it knows (node id, client address, alive); a broker without a cluster "
            + "answers as a cluster of one.")
    void describe() {
        try (LogJmsAdmin admin = cli.connect()) {
            ClusterDetails c = admin.describeCluster();
            cli.show(TextViews.cluster(c), JsonViews.cluster(c));
        }
    }
}
