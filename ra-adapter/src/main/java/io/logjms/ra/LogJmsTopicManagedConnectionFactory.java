package io.logjms.ra;

/** The connection definition whose factory interface is {@code jakarta.jms.TopicConnectionFactory}. */
public class LogJmsTopicManagedConnectionFactory extends LogJmsManagedConnectionFactory {
    private static final long serialVersionUID = 1L;
}
