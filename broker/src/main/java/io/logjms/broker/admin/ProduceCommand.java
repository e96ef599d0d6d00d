package io.logjms.broker.admin;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code logjms produce queue:NAME|topic:NAME}: sends text messages, from standard input or {@code --text}. */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = "Sends text messages: one per line of standard input, or --count copies of --text.")
final class ProduceCommand implements Callable<Integer> {
    private final AdminCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DESTINATION", converter = DestinationArgument.Converter.class,
            description = "queue:NAME or topic:NAME")
    DestinationArgument destination;

    @Option(names = "--text", paramLabel = "TEXT", description = "the message text (instead of standard input)")
    String text;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1",
            description = "how many messages of --text to send (default 1)")
    int count;

    @Option(names = "--property", paramLabel = "KEY=VALUE",
            description = "a string property on every message; repeatable")
    Map<String, String> properties = new LinkedHashMap<>();

    @ArgGroup(exclusive = true)
    Persistence persistence;

    static final class Persistence {
        @Option(names = "--persistent", description = "persistent delivery (the default)")
        boolean persistent;
        @Option(names = "--non-persistent", description = "non-persistent delivery")
        boolean nonPersistent;
    }

    ProduceCommand(AdminCli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws JMSException {
        if (count < 1) {
            throw new ParameterException(spec.commandLine(), "--count must be at least 1");
        }
        if (text == null && spec.commandLine().getParseResult().hasMatchedOption("--count")) {
            throw new ParameterException(spec.commandLine(), "--count needs --text (without it every line of"
                    + " standard input is one message)");
        }
        int sent = 0;
        try (Connection connection = cli.connectionFactory().createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(destination.create(session, ""));
            producer.setDeliveryMode(persistence != null && persistence.nonPersistent
                    ? DeliveryMode.NON_PERSISTENT : DeliveryMode.PERSISTENT);
            if (text != null) {
                for (int i = 0; i < count; i++) {
                    producer.send(message(session, text));
                    sent++;
                }
            } else {
                BufferedReader lines = new BufferedReader(new InputStreamReader(cli.in(), StandardCharsets.UTF_8));
                String line;
                while ((line = readLine(lines)) != null) {
                    producer.send(message(session, line));
                    sent++;
                }
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("destination", destination.toString());
        json.put("sent", sent);
        cli.show("sent " + sent + " message(s) to " + destination + "\n", json);
        return 0;
    }

    private TextMessage message(Session session, String body) throws JMSException {
        TextMessage m = session.createTextMessage(body);
        for (Map.Entry<String, String> p : properties.entrySet()) {
            m.setStringProperty(p.getKey(), p.getValue());
        }
        return m;
    }

    private static String readLine(BufferedReader lines) {
        try {
            return lines.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input", e);
        }
    }
}
