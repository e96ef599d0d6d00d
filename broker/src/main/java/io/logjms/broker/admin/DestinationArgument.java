package io.logjms.broker.admin;

import io.logjms.protocol.DestinationType;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import picocli.CommandLine;

/** A destination on the command line: {@code queue:NAME} or {@code topic:NAME}. */
record DestinationArgument(DestinationType type, String name) {
    static final String FORMS = "queue:NAME or topic:NAME";

    static DestinationArgument parse(String text) {
        int colon = text.indexOf(':');
        String kind = colon < 0 ? "" : text.substring(0, colon);
        String name = colon < 0 ? "" : text.substring(colon + 1);
        if (name.isEmpty() || !(kind.equals("queue") || kind.equals("topic"))) {
            throw new IllegalArgumentException("'" + text + "' is not a destination: give " + FORMS);
        }
        return new DestinationArgument(kind.equals("queue") ? DestinationType.QUEUE : DestinationType.TOPIC, name);
    }

    /** The JMS destination; {@code nameOptions} (such as {@code ?start=earliest}) are appended to a topic's name. */
    Destination create(Session session, String nameOptions) throws JMSException {
        return type == DestinationType.QUEUE ? session.createQueue(name) : session.createTopic(name + nameOptions);
    }

    @Override
    public String toString() {
        return Labels.type(type) + ":" + name;
    }

    /** Picocli's converter: a malformed destination is a usage error. */
    static final class Converter implements CommandLine.ITypeConverter<DestinationArgument> {
        @Override
        public DestinationArgument convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
