package io.logjms.ra;

import jakarta.jms.JMSConsumer;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;

/** The {@code JMSConsumer} of a {@link ContextHandle}: a {@link ConsumerHandle} seen through the simplified API. */
final class JmsConsumerHandle implements JMSConsumer {
    private final MessageConsumer consumer;

    JmsConsumerHandle(MessageConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public String getMessageSelector() {
        return JmsRuntime.call(consumer::getMessageSelector);
    }

    @Override
    public MessageListener getMessageListener() {
        throw EeRestrictions.forbiddenRuntime("JMSConsumer.getMessageListener");
    }

    @Override
    public void setMessageListener(MessageListener listener) {
        throw EeRestrictions.forbiddenRuntime("JMSConsumer.setMessageListener");
    }

    @Override
    public Message receive() {
        return JmsRuntime.call(consumer::receive);
    }

    @Override
    public Message receive(long timeout) {
        return JmsRuntime.call(() -> consumer.receive(timeout));
    }

    @Override
    public Message receiveNoWait() {
        return JmsRuntime.call(consumer::receiveNoWait);
    }

    @Override
    public void close() {
        JmsRuntime.run(consumer::close);
    }

    @Override
    public <T> T receiveBody(Class<T> c) {
        return JmsRuntime.call(() -> body(consumer.receive(), c));
    }

    @Override
    public <T> T receiveBody(Class<T> c, long timeout) {
        return JmsRuntime.call(() -> body(consumer.receive(timeout), c));
    }

    @Override
    public <T> T receiveBodyNoWait(Class<T> c) {
        return JmsRuntime.call(() -> body(consumer.receiveNoWait(), c));
    }

    private static <T> T body(Message message, Class<T> c) throws jakarta.jms.JMSException {
        return message == null ? null : message.getBody(c);
    }
}
