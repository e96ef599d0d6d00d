package io.logjms.ra;

/** The connection definition whose factory interface is {@code jakarta.jms.QueueConnectionFactory}. */
public class LogJmsQueueManagedConnectionFactory extends LogJmsManagedConnectionFactory {
    private static final long serialVersionUID = 1L;
}
