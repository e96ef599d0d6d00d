package io.logjms.ra;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.transaction.xa.XAResource;

/**
 * The container's side of message delivery for tests outside a server: endpoints that hand each message
 * to a {@link Behaviour} and record what they were asked to do ({@code beforeDelivery}, {@code onMessage},
 * {@code afterDelivery}, on which thread), like a message-driven bean container would see it.
 */
final class TestEndpointFactory implements MessageEndpointFactory {

    /** What the bean does with a message; throwing is a failed delivery. */
    interface Behaviour {
        void onMessage(Message message) throws Exception;
    }

    record Delivery(String text, int deliveryCount, String thread) {
    }

    private final boolean transacted;
    private final Behaviour behaviour;
    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final AtomicInteger endpointsCreated = new AtomicInteger();
    final AtomicInteger endpointsReleased = new AtomicInteger();

    TestEndpointFactory(boolean transacted, Behaviour behaviour) {
        this.transacted = transacted;
        this.behaviour = behaviour;
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource resource) {
        endpointsCreated.incrementAndGet();
        return new Endpoint();
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource resource, long timeout) {
        return createEndpoint(resource);
    }

    @Override
    public boolean isDeliveryTransacted(Method method) {
        return transacted;
    }

    @Override
    public String getActivationName() {
        return "test-endpoint";
    }

    @Override
    public Class<?> getEndpointClass() {
        return Endpoint.class;
    }

    /** Texts of the deliveries that returned normally. */
    List<String> texts() {
        return deliveries.stream().map(Delivery::text).toList();
    }

    final class Endpoint implements MessageEndpoint, MessageListener {
        @Override
        public void beforeDelivery(Method method) {
            calls.add("before:" + Thread.currentThread().getName());
        }

        @Override
        public void afterDelivery() {
            calls.add("after:" + Thread.currentThread().getName());
        }

        @Override
        public void release() {
            endpointsReleased.incrementAndGet();
        }

        @Override
        public void onMessage(Message message) {
            calls.add("onMessage:" + Thread.currentThread().getName());
            try {
                behaviour.onMessage(message);
                deliveries.add(new Delivery(((TextMessage) message).getText(),
                        message.getIntProperty("JMSXDeliveryCount"), Thread.currentThread().getName()));
            } catch (RuntimeException e) {
                throw e;
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            } catch (Exception e) {
                throw new IllegalStateException("the test bean failed: " + e, e);
            }
        }
    }
}
