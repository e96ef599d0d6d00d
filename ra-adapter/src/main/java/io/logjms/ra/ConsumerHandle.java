package io.logjms.ra;

import io.logjms.provider.LogMessageConsumer;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.QueueReceiver;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;
import java.time.Instant;
import java.util.Map;

/**
 * A consumer handed to an application in a container: synchronous receives and the log extensions
 * ({@link LogMessageConsumer}) go to the provider's consumer; message listeners are refused (Jakarta
 * Messaging 3.1, section 12.2).
 */
final class ConsumerHandle implements LogMessageConsumer, QueueReceiver, TopicSubscriber {
    private final MessageConsumer delegate;

    ConsumerHandle(MessageConsumer delegate) {
        this.delegate = delegate;
    }

    @Override
    public String getMessageSelector() throws JMSException {
        return delegate.getMessageSelector();
    }

    @Override
    public MessageListener getMessageListener() throws JMSException {
        throw EeRestrictions.forbidden("MessageConsumer.getMessageListener");
    }

    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        throw EeRestrictions.forbidden("MessageConsumer.setMessageListener");
    }

    @Override
    public Message receive() throws JMSException {
        return delegate.receive();
    }

    @Override
    public Message receive(long timeout) throws JMSException {
        return delegate.receive(timeout);
    }

    @Override
    public Message receiveNoWait() throws JMSException {
        return delegate.receiveNoWait();
    }

    @Override
    public void close() throws JMSException {
        delegate.close();
    }

    @Override
    public Queue getQueue() throws JMSException {
        return ((QueueReceiver) delegate).getQueue();
    }

    @Override
    public Topic getTopic() throws JMSException {
        return ((TopicSubscriber) delegate).getTopic();
    }

    @Override
    public boolean getNoLocal() throws JMSException {
        return ((TopicSubscriber) delegate).getNoLocal();
    }

    @Override
    public void seekToBeginning() throws JMSException {
        log().seekToBeginning();
    }

    @Override
    public void seekToEnd() throws JMSException {
        log().seekToEnd();
    }

    @Override
    public void seekToTime(Instant time) throws JMSException {
        log().seekToTime(time);
    }

    @Override
    public void seek(int partition, long offset) throws JMSException {
        log().seek(partition, offset);
    }

    @Override
    public Map<Integer, Long> positions() throws JMSException {
        return log().positions();
    }

    private LogMessageConsumer log() {
        return (LogMessageConsumer) delegate;
    }
}
