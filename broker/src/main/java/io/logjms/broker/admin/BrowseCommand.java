package io.logjms.broker.admin;

import io.logjms.protocol.DestinationType;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.io.PrintWriter;
import java.util.Enumeration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code logjms browse queue:NAME}: prints the messages waiting on a queue without consuming them. */
@Command(name = "browse", mixinStandardHelpOptions = true,
        description = "Prints the messages waiting on a queue without consuming them (--json as for consume).")
final class BrowseCommand implements Callable<Integer> {
    private final AdminCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "QUEUE", converter = DestinationArgument.Converter.class, description = "queue:NAME")
    DestinationArgument destination;

    @Option(names = "--selector", paramLabel = "SELECTOR", description = "a JMS message selector")
    String selector;

    BrowseCommand(AdminCli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws JMSException {
        if (destination.type() != DestinationType.QUEUE) {
            throw new ParameterException(spec.commandLine(), "browse takes a queue (queue:NAME); read a topic with"
                    + " consume " + destination + " --from earliest");
        }
        PrintWriter out = cli.out();
        int seen = 0;
        try (Connection connection = cli.connectionFactory().createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            try (QueueBrowser browser = session.createBrowser(session.createQueue(destination.name()), selector)) {
                Enumeration<?> messages = browser.getEnumeration();
                while (messages.hasMoreElements()) {
                    Message m = (Message) messages.nextElement();
                    out.println(cli.json() ? MessageViews.jsonLine(m) : MessageViews.text(m));
                    seen++;
                }
            }
        }
        if (seen == 0 && !cli.json()) {
            spec.commandLine().getErr().println("no messages on " + destination);
            spec.commandLine().getErr().flush();
        }
        out.flush();
        return 0;
    }
}
