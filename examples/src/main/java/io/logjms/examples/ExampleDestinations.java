package io.logjms.examples;

import io.logjms.provider.admin.DestinationSummary;
import io.logjms.provider.admin.LogJmsAdmin;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The fixed-name destinations an example works on. They are deleted before the example starts (in case
 * an interrupted run left them) and again when it ends, so every run starts from empty logs and leaves
 * nothing behind on the broker.
 */
final class ExampleDestinations implements AutoCloseable {
    private final String url;
    private final List<String> topics;
    private final List<String> queues;

    private ExampleDestinations(String url, List<String> topics, List<String> queues) {
        this.url = url;
        this.topics = topics;
        this.queues = queues;
    }

    /** Deletes what is left of these destinations; {@link #close()} deletes them again. */
    static ExampleDestinations fresh(String url, List<String> topics, List<String> queues) {
        ExampleDestinations destinations = new ExampleDestinations(url, topics, queues);
        destinations.deleteExisting();
        return destinations;
    }

    @Override
    public void close() {
        deleteExisting();
    }

    private void deleteExisting() {
        try (LogJmsAdmin admin = LogJmsAdmin.connect(url)) {
            Set<String> existingTopics = names(admin.topics());
            topics.stream().filter(existingTopics::contains).forEach(admin::deleteTopic);
            Set<String> existingQueues = names(admin.queues());
            queues.stream().filter(existingQueues::contains).forEach(admin::deleteQueue);
        }
    }

    private static Set<String> names(List<DestinationSummary> destinations) {
        return destinations.stream().map(DestinationSummary::name).collect(Collectors.toSet());
    }
}
