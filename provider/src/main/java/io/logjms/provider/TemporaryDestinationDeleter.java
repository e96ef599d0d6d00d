package io.logjms.provider;

import jakarta.jms.JMSException;

/**
 * Deletes a temporary destination on behalf of the connection that created it. The connection hands
 * one to each temporary queue and topic it creates.
 */
@FunctionalInterface
public interface TemporaryDestinationDeleter {

    /**
     * Deletes the destination.
     *
     * @throws JMSException if it cannot be deleted, for example while consumers still use it
     */
    void delete(LogJmsDestination destination) throws JMSException;
}
