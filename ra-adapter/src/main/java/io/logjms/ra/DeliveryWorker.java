package io.logjms.ra;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.Session;
import jakarta.jms.XASession;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.work.Work;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;

/**
 * One session of an {@link EndpointActivation}, run as work on the container's {@code WorkManager}: it
 * receives from its consumer and delivers each message to a message endpoint, one at a time.
 *
 * <p>Local mode (this build): the session is transacted and each delivery ends with a commit, or with a
 * rollback when {@code onMessage} threw, {@code afterDelivery} failed or the container's transaction was
 * marked rollback-only; a rollback makes the broker redeliver the message with its delivery count raised,
 * and move it to the dead-letter queue after {@code delivery.max.attempts} deliveries. When the endpoint's
 * method is transacted the delivery runs between {@code beforeDelivery} and {@code afterDelivery}: the
 * receipt is committed after the container's transaction, so a failure between the two redelivers (at
 * least once). XA mode (once {@link XaSupport} is wired): the session is an {@code XASession} whose
 * resource the container enlists through {@code createEndpoint}, and the receipt commits with the
 * container's transaction.
 *
 * <p>A failed session is closed and opened again after a pause that doubles up to
 * {@value #MAX_BACKOFF_MS} ms; a lost connection is replaced ({@link InboundConnection}).
 */
final class DeliveryWorker implements Work {
    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class.getName());
    /** How often the loop looks whether the activation is stopping. */
    static final long POLL_MS = 250;
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
                    Message message = consumer.receive(POLL_MS);
                    if (message != null) {
                        deliver(message);
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

    private boolean xa() {
        return XaSupport.enabled() && activation.transacted();
    }

    private void open() throws JMSException, ResourceException {
        if (xa()) {
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

    private void deliver(Message message) throws JMSException, ResourceException {
        MessageEndpoint target = endpoint();
        boolean delivered;
        if (activation.transacted()) {
            try {
                target.beforeDelivery(EndpointActivation.ON_MESSAGE);
            } catch (NoSuchMethodException e) {
                throw new ResourceException("the endpoint has no onMessage(Message) method: " + e.getMessage(), e);
            }
            delivered = onMessage(target, message);
            if (delivered && rollbackOnly()) {
                delivered = false;
            }
            try {
                target.afterDelivery();
            } catch (ResourceException | RuntimeException e) {
                EndpointActivation.logDeliveryFailure(activation.describe(), e);
                delivered = false;
                releaseEndpoint();
            }
        } else {
            delivered = onMessage(target, message);
        }
        if (xaSession != null) {
            return;   // the container's transaction ended the XA branch
        }
        if (delivered) {
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

    private boolean rollbackOnly() {
        TransactionSynchronizationRegistry transactions = activation.transactions();
        if (transactions == null) {
            return false;
        }
        int status = transactions.getTransactionStatus();
        return status == Status.STATUS_MARKED_ROLLBACK || status == Status.STATUS_ROLLEDBACK
                || status == Status.STATUS_ROLLING_BACK;
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
