package io.logjms.ra;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import jakarta.transaction.Status;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * The container's side of message delivery for tests outside a server: endpoints that hand each message
 * to a {@link Behaviour} and record what they were asked to do ({@code beforeDelivery}, {@code onMessage},
 * {@code afterDelivery}, on which thread, for the transactions that delivered a message), like a
 * message-driven bean container would see it. Given an {@code XAResource} by {@code createEndpoint}, an
 * endpoint is also the container's transaction manager: {@code beforeDelivery} starts a branch on it and
 * {@code afterDelivery} ends it and commits it in one phase, or rolls it back when {@code onMessage} threw or
 * {@link TestTransactions} marked the transaction rollback-only; {@link #xaOutcomes} records which.
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
    /** "commit" or "rollback" per XA transaction that delivered a message. */
    final List<String> xaOutcomes = new CopyOnWriteArrayList<>();
    private final TestTransactions transactions;

    TestEndpointFactory(boolean transacted, Behaviour behaviour) {
        this(transacted, behaviour, null);
    }

    TestEndpointFactory(boolean transacted, Behaviour behaviour, TestTransactions transactions) {
        this.transacted = transacted;
        this.behaviour = behaviour;
        this.transactions = transactions;
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource resource) {
        endpointsCreated.incrementAndGet();
        return new Endpoint(resource);
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
        private final XAResource resource;
        private String before;
        private Xid branch;
        private boolean delivered;
        private boolean failed;

        Endpoint(XAResource resource) {
            this.resource = resource;
        }

        @Override
        public void beforeDelivery(Method method) throws ResourceException {
            before = "before:" + Thread.currentThread().getName();
            delivered = false;
            failed = false;
            if (resource != null) {
                branch = TestXid.next(1);
                try {
                    resource.start(branch, XAResource.TMNOFLAGS);
                } catch (XAException e) {
                    throw new ResourceException("test transaction manager: start failed: " + e, e);
                }
            }
        }

        @Override
        public void afterDelivery() throws ResourceException {
            if (delivered) {
                calls.add("after:" + Thread.currentThread().getName());
            }
            if (resource == null) {
                return;
            }
            try {
                resource.end(branch, failed ? XAResource.TMFAIL : XAResource.TMSUCCESS);
                boolean rollback = failed || delivered && transactions != null
                        && transactions.getTransactionStatus() == Status.STATUS_MARKED_ROLLBACK;
                if (rollback) {
                    resource.rollback(branch);
                } else {
                    resource.commit(branch, true);
                }
                if (delivered) {
                    xaOutcomes.add(rollback ? "rollback" : "commit");
                }
            } catch (XAException e) {
                throw new ResourceException("test transaction manager: ending the branch failed: " + e, e);
            }
        }

        @Override
        public void release() {
            endpointsReleased.incrementAndGet();
        }

        @Override
        public void onMessage(Message message) {
            delivered = true;
            if (before != null) {
                calls.add(before);
            }
            calls.add("onMessage:" + Thread.currentThread().getName());
            try {
                behaviour.onMessage(message);
                deliveries.add(new Delivery(((TextMessage) message).getText(),
                        message.getIntProperty("JMSXDeliveryCount"), Thread.currentThread().getName()));
            } catch (RuntimeException e) {
                failed = true;
                throw e;
            } catch (JMSException e) {
                failed = true;
                throw new IllegalStateException(e);
            } catch (Exception e) {
                failed = true;
                throw new IllegalStateException("the test bean failed: " + e, e);
            }
        }
    }
}
