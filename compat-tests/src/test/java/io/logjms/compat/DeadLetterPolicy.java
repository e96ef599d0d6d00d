package io.logjms.compat;

/**
 * How a provider handles a message that keeps being redelivered: after {@code maxDeliveryAttempts} deliveries
 * without acknowledgement the message is moved to the queue named {@code queueName}.
 *
 * @param queueName name of the dead-letter queue, usable with {@code Session.createQueue}
 * @param maxDeliveryAttempts deliveries after which the message is dead-lettered, at least 1
 */
public record DeadLetterPolicy(String queueName, int maxDeliveryAttempts) {

    public DeadLetterPolicy {
        if (queueName == null || queueName.isBlank()) {
            throw new IllegalArgumentException("dead-letter queue name must not be blank");
        }
        if (maxDeliveryAttempts < 1) {
            throw new IllegalArgumentException("maxDeliveryAttempts must be at least 1, was " + maxDeliveryAttempts);
        }
    }
}
