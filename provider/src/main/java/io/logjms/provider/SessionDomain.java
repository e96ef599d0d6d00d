package io.logjms.provider;

/**
 * Which interface a session was created as: a unified {@code Session}, or a legacy
 * {@code QueueSession} or {@code TopicSession}, which refuse the other domain's methods with an
 * IllegalStateException.
 */
enum SessionDomain {
    UNIFIED, QUEUE, TOPIC
}
