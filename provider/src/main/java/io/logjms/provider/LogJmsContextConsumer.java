package io.logjms.provider;

import static io.logjms.provider.ExceptionTranslator.unchecked;
import static io.logjms.provider.ExceptionTranslator.uncheckedRun;

import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.time.Instant;
import java.util.Map;

/** The JMSConsumer of a {@link LogJmsContext}: a {@link LogJmsMessageConsumer} with unchecked exceptions. */
public class LogJmsContextConsumer implements LogJMSConsumer {
    private final LogJmsMessageConsumer consumer;

    LogJmsContextConsumer(LogJmsMessageConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public String getMessageSelector() {
        return unchecked(consumer::getMessageSelector);
    }

    @Override
    public MessageListener getMessageListener() {
        return unchecked(consumer::getMessageListener);
    }

    @Override
    public void setMessageListener(MessageListener listener) {
        uncheckedRun(() -> consumer.setMessageListener(listener));
    }

    @Override
    public Message receive() {
        return unchecked(consumer::receive);
    }

    @Override
    public Message receive(long timeout) {
        return unchecked(() -> consumer.receive(timeout));
    }

    @Override
    public Message receiveNoWait() {
        return unchecked(consumer::receiveNoWait);
    }

    @Override
    public void close() {
        uncheckedRun(consumer::close);
    }

    @Override
    public <T> T receiveBody(Class<T> c) {
        return unchecked(() -> consumer.receiveBody(c, Long.MAX_VALUE));
    }

    @Override
    public <T> T receiveBody(Class<T> c, long timeout) {
        if (timeout < 0) {
            throw new JMSRuntimeException("receive timeout must not be negative, was " + timeout);
        }
        return unchecked(() -> consumer.receiveBody(c,
                timeout == 0 ? Long.MAX_VALUE : LogJmsMessageConsumer.deadline(timeout)));
    }

    @Override
    public <T> T receiveBodyNoWait(Class<T> c) {
        return unchecked(() -> consumer.receiveBody(c, System.nanoTime()));
    }

    @Override
    public void seekToBeginning() {
        uncheckedRun(consumer::seekToBeginning);
    }

    @Override
    public void seekToEnd() {
        uncheckedRun(consumer::seekToEnd);
    }

    @Override
    public void seekToTime(Instant time) {
        uncheckedRun(() -> consumer.seekToTime(time));
    }

    @Override
    public void seek(int partition, long offset) {
        uncheckedRun(() -> consumer.seek(partition, offset));
    }

    @Override
    public Map<Integer, Long> positions() {
        return unchecked(consumer::positions);
    }
}
