package io.logjms.broker.admin;

import io.logjms.protocol.DestinationType;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code logjms consume queue:NAME|topic:NAME}: receives and prints messages, acknowledging each. Ends after
 * {@code --count} messages, or when nothing arrived for {@code --timeout} ms; without either it runs until
 * interrupted. Exit status 1 when {@code --timeout} ended it before {@code --count} messages arrived.
 */
@Command(name = "consume", mixinStandardHelpOptions = true,
        description = "Receives messages and prints their bodies (--json: one JSON object per line with body,"
                + " properties, messageId, destination, partition and offset). Received messages are acknowledged.")
final class ConsumeCommand implements Callable<Integer> {
    /** Exit status when fewer than {@code --count} messages arrived. */
    static final int EXIT_TOO_FEW = 1;

    private final AdminCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DESTINATION", converter = DestinationArgument.Converter.class,
            description = "queue:NAME or topic:NAME")
    DestinationArgument destination;

    @Option(names = "--count", paramLabel = "N", description = "stop after N messages")
    Integer count;

    @Option(names = "--from", paramLabel = "POSITION",
            description = "topics: where to start: earliest, latest (default) or an ISO-8601 instant"
                    + " (2026-11-25T10:15:30Z)")
    String from;

    @Option(names = "--selector", paramLabel = "SELECTOR", description = "a JMS message selector")
    String selector;

    @Option(names = "--timeout", paramLabel = "MS",
            description = "stop when nothing arrives for MS milliseconds; exit status 1 if fewer than --count arrived")
    Long timeoutMs;

    ConsumeCommand(AdminCli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws JMSException {
        String nameOptions = startOption();
        if (count != null && count < 1) {
            throw new ParameterException(spec.commandLine(), "--count must be at least 1");
        }
        if (timeoutMs != null && timeoutMs < 1) {
            throw new ParameterException(spec.commandLine(), "--timeout must be at least 1 ms");
        }
        PrintWriter out = cli.out();
        int received = 0;
        try (Connection connection = cli.connectionFactory().createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(destination.create(session, nameOptions), selector);
            connection.start();
            while (count == null || received < count) {
                Message m = consumer.receive(timeoutMs == null ? 0 : timeoutMs);
                if (m == null) {
                    break;
                }
                out.println(cli.json() ? MessageViews.jsonLine(m) : MessageViews.text(m));
                out.flush();
                received++;
            }
        }
        if (count != null && received < count) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("logjms: received " + received + " of " + count + " message(s) from " + destination
                    + ": nothing arrived for " + timeoutMs + " ms");
            err.flush();
            return EXIT_TOO_FEW;
        }
        return 0;
    }

    /** {@code --from} as the topic name option {@code ?start=} (docs/EXTENSIONS.md); queues have no such option. */
    private String startOption() {
        if (from == null) {
            return "";
        }
        if (destination.type() == DestinationType.QUEUE) {
            throw new ParameterException(spec.commandLine(), "--from applies to topics: a queue delivers from its"
                    + " committed position (move it with: logjms subscriptions reset queue/" + destination.name()
                    + " --to POSITION)");
        }
        if (!from.equals("earliest") && !from.equals("latest")) {
            try {
                Instant.parse(from);
            } catch (DateTimeParseException e) {
                throw new ParameterException(spec.commandLine(), "--from takes earliest, latest or an ISO-8601"
                        + " instant such as 2026-11-25T10:15:30Z, not '" + from + "'");
            }
        }
        return "?start=" + from;
    }
}
