package io.logjms.ra;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.Session;
import jakarta.jms.XASession;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.work.Work;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;

/**
 * One session of an {@link EndpointActivation}, run as work on the container's {@code WorkManager}: it
 * receives from its consumer and delivers each message to a message endpoint, one at a time.
 *
 * <p>XA mode, when the endpoint's {@code onMessage} is transacted: the session is an {@code XASession}
 * whose resource the worker passes to {@code createEndpoint}, and each delivery is
 * {@code beforeDelivery} (the container begins its transaction and enlists that resource, starting the
 * branch), the receive, {@code onMessage} and {@code afterDelivery} (the container commits or rolls back).
 * The receive is inside the branch so that the message's acknowledgement is the branch's work: a rolled-back
 * transaction gives the message back, and the broker redelivers it with its delivery count raised and
 * dead-letters it after {@code delivery.max.attempts} deliveries. A receive that finds nothing within
 * {@value #XA_POLL_MS} ms ends an empty transaction (a read-only branch).
 *
 * <p>An endpoint whose {@code onMessage} is not transacted ({@code NOT_SUPPORTED}, bean-managed) gets a
 * local transacted session: each delivery ends with a commit, or with a rollback when {@code onMessage}
 * threw, which redelivers the same way.
 *
 * <p>A failed session is closed and opened again after a pause that doubles up to
 * {@value #MAX_BACKOFF_MS} ms; a lost connection is replaced ({@link InboundConnection}).
 */
final class DeliveryWorker implements Work {
    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class.getName());
    /** How often the loop looks whether the activation is stopping. */
    static final long POLL_MS = 250;
    /** How long a receive inside a container transaction waits before that (empty) transaction ends. */
    static final long XA_POLL_MS = 1_000;
    static final long FIRST_BACKOFF_MS = 100;
    static final long MAX_BACKOFF_MS = 5_000;

    private final EndpointActivation activation;
    private final int index;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean released;
    private Session session;
    private XASession xaSession;
    private MessageConsumer consumer;
    private MessageEndpoint endpoint;

    DeliveryWorker(EndpointActivation activation, int index) {
        this.activation = activation;
        this.index = index;
    }

    @Override
    public void run() {
        long backoff = FIRST_BACKOFF_MS;
        try {
            while (activation.isRunning() && !released) {
                try {
                    if (consumer != null && activation.connection().isLost()) {
                        closeSession();   // its connection is gone: a new one is opened below
                    }
                    if (consumer == null) {
                        open();
                    }
                    if (xaSession != null) {
                        deliverInTransaction();
                    } else {
                        Message message = consumer.receive(POLL_MS);
                        if (message != null) {
                            deliver(message);
                        }
                    }
                    backoff = FIRST_BACKOFF_MS;
                } catch (JMSException | ResourceException | RuntimeException e) {
                    if (!activation.isRunning() || released) {
                        break;
                    }
                    LOG.log(Level.WARNING, "logjms endpoint " + activation.describe() + " session " + index
                            + ": " + e + "; trying again in " + backoff + " ms");
                    if (e instanceof JMSException jms) {
                        activation.connection().sessionFailed(jms);
                    }
                    closeSession();
                    if (activation.awaitStop(backoff)) {
                        break;
                    }
                    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeSession();
            releaseEndpoint();
            finished.countDown();
        }
    }

    private void open() throws JMSException, ResourceException {
        if (activation.transacted()) {
            xaSession = activation.connection().xaSession();
            session = xaSession.getSession();
        } else {
            session = activation.connection().transactedSession();
        }
        consumer = activation.createConsumer(session);
    }

    private MessageEndpoint endpoint() throws UnavailableException {
        if (endpoint == null) {
            XAResource resource = xaSession == null ? null : xaSession.getXAResource();
            endpoint = activation.endpointFactory().createEndpoint(resource);
        }
        return endpoint;
    }

    /**
     * One container transaction: the branch starts in {@code beforeDelivery}, so the message received
     * next is acknowledged by the branch, and {@code afterDelivery} commits or rolls both back.
     */
    private void deliverInTransaction() throws JMSException, ResourceException {
        MessageEndpoint target = endpoint();
        beforeDelivery(target);
        try {
            Message message = consumer.receive(XA_POLL_MS);
            if (message != null) {
                onMessage(target, message);
            }
        } finally {
            try {
                target.afterDelivery();
            } catch (ResourceException | RuntimeException e) {
                EndpointActivation.logDeliveryFailure(activation.describe(), e);
                releaseEndpoint();
            }
        }
    }

    private static void beforeDelivery(MessageEndpoint target) throws ResourceException {
        try {
            target.beforeDelivery(EndpointActivation.ON_MESSAGE);
        } catch (NoSuchMethodException e) {
            throw new ResourceException("the endpoint has no onMessage(Message) method: " + e.getMessage(), e);
        }
    }

    /** A delivery outside any container transaction: the local session commits the receipt, or rolls it back. */
    private void deliver(Message message) throws JMSException, ResourceException {
        if (onMessage(endpoint(), message)) {
            session.commit();
        } else {
            session.rollback();
        }
    }

    private boolean onMessage(MessageEndpoint target, Message message) {
        try {
            ((MessageListener) target).onMessage(message);
            return true;
        } catch (RuntimeException | Error e) {
            EndpointActivation.logDeliveryFailure(activation.describe(), e);
            if (!activation.transacted()) {
                // the container discards a bean instance that threw; take a fresh endpoint next time
                releaseEndpoint();
            }
            return false;
        }
    }

    private void closeSession() {
        try {
            if (consumer != null) {
                consumer.close();
            }
        } catch (JMSException e) {
            LOG.log(Level.FINE, "closing a consumer failed", e);
        }
        try {
            if (xaSession != null) {
                xaSession.close();
            } else if (session != null) {
                session.close();
            }
        } catch (JMSException e) {
            LOG.log(Level.FINE, "closing a session failed", e);
        }
        consumer = null;
        session = null;
        xaSession = null;
        releaseEndpoint();
    }

    private void releaseEndpoint() {
        if (endpoint != null) {
            try {
                endpoint.release();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "releasing a message endpoint failed", e);
            }
            endpoint = null;
        }
    }

    boolean awaitFinished(long millis) throws InterruptedException {
        return finished.await(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void release() {
        released = true;
    }
}
