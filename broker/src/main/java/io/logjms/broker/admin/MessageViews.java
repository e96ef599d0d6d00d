package io.logjms.broker.admin;

import io.logjms.provider.LogJmsProperties;
import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Received messages as {@code consume} and {@code browse} print them: the body as text, or with
 * {@code --json} one JSON object per line with {@code body}, {@code properties}, {@code messageId},
 * {@code destination}, {@code partition} and {@code offset}.
 */
final class MessageViews {
    private static final String PROVIDER_PREFIX = "JMS_LogJMS_";

    private MessageViews() {
    }

    /** The body as one text: a text message's text, bytes in base64, other bodies in their JSON form. */
    static String text(Message m) throws JMSException {
        Object body = body(m);
        return body instanceof String s ? s : Json.writeLine(body);
    }

    static String jsonLine(Message m) throws JMSException {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("body", body(m));
        j.put("bodyType", bodyType(m));
        j.put("properties", properties(m));
        j.put("messageId", m.getJMSMessageID());
        j.put("destination", destination(m.getJMSDestination()));
        j.put("partition", m.propertyExists(LogJmsProperties.PARTITION)
                ? m.getIntProperty(LogJmsProperties.PARTITION) : null);
        j.put("offset", m.propertyExists(LogJmsProperties.OFFSET) ? m.getLongProperty(LogJmsProperties.OFFSET) : null);
        j.put("timestamp", m.getJMSTimestamp());
        j.put("redelivered", m.getJMSRedelivered());
        return Json.writeLine(j);
    }

    private static Object body(Message m) throws JMSException {
        if (m instanceof TextMessage t) {
            return t.getText();
        }
        if (m instanceof BytesMessage b) {
            byte[] bytes = new byte[(int) b.getBodyLength()];
            b.readBytes(bytes);
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (m instanceof MapMessage map) {
            Map<String, Object> values = new TreeMap<>();
            for (String name : Collections.list(names(map.getMapNames()))) {
                values.put(name, jsonValue(map.getObject(name)));
            }
            return values;
        }
        // stream and object bodies have no faithful JSON form; bodyType still names them
        return null;
    }

    private static String bodyType(Message m) {
        if (m instanceof TextMessage) {
            return "text";
        }
        if (m instanceof BytesMessage) {
            return "bytes";
        }
        if (m instanceof MapMessage) {
            return "map";
        }
        if (m instanceof StreamMessage) {
            return "stream";
        }
        return m instanceof ObjectMessage ? "object" : "none";
    }

    private static Map<String, Object> properties(Message m) throws JMSException {
        Map<String, Object> props = new TreeMap<>();
        for (String name : Collections.list(names(m.getPropertyNames()))) {
            if (!name.startsWith(PROVIDER_PREFIX)) {
                props.put(name, jsonValue(m.getObjectProperty(name)));
            }
        }
        return props;
    }

    /** Characters and byte arrays have no JSON form of their own. */
    private static Object jsonValue(Object v) {
        if (v instanceof Character c) {
            return c.toString();
        }
        if (v instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        return v;
    }

    private static String destination(Destination d) throws JMSException {
        if (d instanceof Queue q) {
            return "queue:" + q.getQueueName();
        }
        if (d instanceof Topic t) {
            return "topic:" + t.getTopicName();
        }
        return d == null ? null : d.toString();
    }

    @SuppressWarnings("unchecked")
    private static java.util.Enumeration<String> names(java.util.Enumeration<?> e) {
        return (java.util.Enumeration<String>) e;
    }
}
