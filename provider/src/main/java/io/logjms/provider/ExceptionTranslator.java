package io.logjms.provider;

import io.logjms.protocol.ErrorCode;
import io.logjms.provider.client.BrokerUnreachableException;
import io.logjms.provider.client.ConnectionLostException;
import io.logjms.provider.client.CommitRefusedException;
import io.logjms.provider.client.PartitionUnavailableException;
import io.logjms.provider.client.ProtocolErrorException;
import io.logjms.provider.config.InvalidConnectionUrlException;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageNotWriteableRuntimeException;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.ResourceAllocationRuntimeException;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.TransactionRolledBackRuntimeException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The one place where internal failures become JMS exceptions: broker error codes, a lost connection,
 * request timeouts and interrupts become the {@link JMSException} subclass the specification names,
 * and a {@code JMSException} becomes its {@link JMSRuntimeException} counterpart for
 * {@link jakarta.jms.JMSContext}. The error code of a translated broker error is its
 * {@link ErrorCode} name; a lost connection has code {@value #CONNECTION_LOST}.
 */
final class ExceptionTranslator {
    static final String CONNECTION_LOST = "CONNECTION_LOST";
    static final String TIMEOUT = "TIMEOUT";

    private ExceptionTranslator() {
    }

    /** Waits for a broker answer, translating its failure; {@code what} names the operation for the message. */
    static <T> T await(CompletableFuture<T> future, String what) throws JMSException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw withCause(new JMSException("interrupted while waiting to " + what), e);
        } catch (ExecutionException e) {
            throw toJms(what, e.getCause());
        }
    }

    /** The JMS exception for a failure of {@code what}. */
    static JMSException toJms(String what, Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof JMSException jms) {
            return jms;
        }
        String prefix = "could not " + what + ": ";
        if (t instanceof ProtocolErrorException error) {
            return withCause(forErrorCode(error.error(), prefix + error.getMessage()), error);
        }
        if (t instanceof CommitRefusedException) {
            return withCause(new JMSException(prefix + t.getMessage()), t); // a refusal: the session rolls back
        }
        if (t instanceof PartitionUnavailableException unavailable) {
            JMSException jms = unavailable.getCause() instanceof ProtocolErrorException last
                    ? forErrorCode(last.error(), prefix + t.getMessage())
                    : new JMSException(prefix + t.getMessage(), CONNECTION_LOST);
            return withCause(jms, t);
        }
        if (t instanceof ConnectionLostException) {
            String reason = t.getCause() instanceof ProtocolErrorException closing
                    ? " (the broker closed it: " + closing.getMessage() + ")" : "";
            JMSException lost = new JMSException(prefix + "the connection to the broker is lost" + reason,
                    CONNECTION_LOST);
            return withCause(lost, t);
        }
        if (t instanceof BrokerUnreachableException) {
            return withCause(new JMSException(t.getMessage(), CONNECTION_LOST), t);
        }
        if (t instanceof TimeoutException) {
            return withCause(new JMSException(prefix + t.getMessage(), TIMEOUT), t);
        }
        if (t instanceof InvalidConnectionUrlException) {
            return withCause(new JMSException(t.getMessage()), t);
        }
        return withCause(new JMSException(prefix + t), t);
    }

    /** The JMS exception class for a broker error code. */
    static JMSException forErrorCode(ErrorCode code, String message) {
        return switch (code) {
            case AUTHENTICATION_FAILED, NOT_AUTHORIZED -> new JMSSecurityException(message, code.name());
            case CLIENT_ID_IN_USE, INVALID_CLIENT_ID -> new InvalidClientIDException(message, code.name());
            case UNKNOWN_DESTINATION, INVALID_DESTINATION, UNKNOWN_PARTITION, UNKNOWN_SUBSCRIPTION ->
                    new InvalidDestinationException(message, code.name());
            case INVALID_SELECTOR -> new InvalidSelectorException(message, code.name());
            case SUBSCRIPTION_IN_USE, INVALID_REQUEST -> new IllegalStateException(message, code.name());
            case BATCH_TOO_LARGE, FRAME_TOO_LARGE -> new ResourceAllocationException(message, code.name());
            case OUT_OF_ORDER_SEQUENCE -> new JMSException(message + " (a message this session sent earlier to that"
                    + " partition did not reach the broker, so this one was refused rather than stored out of order)",
                    code.name());
            case PRODUCER_FENCED -> new IllegalStateException(message + " (another session took over this session's"
                    + " producer id, so this one can no longer send)", code.name());
            default -> new JMSException(message, code.name());
        };
    }

    /** A commit the broker refused: nothing of it was applied, so the transaction is rolled back. */
    static TransactionRolledBackException rolledBack(JMSException cause) {
        return withCause(new TransactionRolledBackException("the transaction was rolled back: "
                + cause.getMessage(), cause.getErrorCode()), cause);
    }

    /**
     * A transaction whose connection to the broker was lost while it was open: what it received went back
     * to the broker, so it is rolled back. {@code cause} is the loss, when the commit itself met it.
     */
    static TransactionRolledBackException transactionLost(Throwable cause) {
        return withCause(new TransactionRolledBackException("the transaction was rolled back: the connection to the"
                + " broker was lost and re-established while it was open, and the messages it received went back to"
                + " the broker (they will be redelivered); its sends were discarded"), cause);
    }

    /** The unchecked counterpart of a JMS exception, for JMSContext and its producers and consumers. */
    static JMSRuntimeException toRuntime(JMSException e) {
        String message = e.getMessage();
        String code = e.getErrorCode();
        JMSRuntimeException runtime;
        if (e instanceof IllegalStateException) {
            runtime = new IllegalStateRuntimeException(message, code, e);
        } else if (e instanceof InvalidClientIDException) {
            runtime = new InvalidClientIDRuntimeException(message, code, e);
        } else if (e instanceof InvalidDestinationException) {
            runtime = new InvalidDestinationRuntimeException(message, code, e);
        } else if (e instanceof InvalidSelectorException) {
            runtime = new InvalidSelectorRuntimeException(message, code, e);
        } else if (e instanceof JMSSecurityException) {
            runtime = new JMSSecurityRuntimeException(message, code, e);
        } else if (e instanceof MessageFormatException) {
            runtime = new MessageFormatRuntimeException(message, code, e);
        } else if (e instanceof MessageNotWriteableException) {
            runtime = new MessageNotWriteableRuntimeException(message, code, e);
        } else if (e instanceof ResourceAllocationException) {
            runtime = new ResourceAllocationRuntimeException(message, code, e);
        } else if (e instanceof TransactionInProgressException) {
            runtime = new TransactionInProgressRuntimeException(message, code, e);
        } else if (e instanceof TransactionRolledBackException) {
            runtime = new TransactionRolledBackRuntimeException(message, code, e);
        } else {
            runtime = new JMSRuntimeException(message, code, e);
        }
        return runtime;
    }

    /** Attaches a cause both ways JMS clients look for it. */
    static <E extends JMSException> E withCause(E exception, Throwable cause) {
        if (cause != null) {
            exception.initCause(cause);
            if (cause instanceof Exception e) {
                exception.setLinkedException(e);
            }
        }
        return exception;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** An action of the JMS API, for running it under {@link #unchecked}. */
    @FunctionalInterface
    interface JmsAction<T> {
        T run() throws JMSException;
    }

    /** Runs a JMS action, turning its JMSException into the runtime counterpart. */
    static <T> T unchecked(JmsAction<T> action) {
        try {
            return action.run();
        } catch (JMSException e) {
            throw toRuntime(e);
        }
    }

    /** An action without a result, for {@link #uncheckedRun}. */
    @FunctionalInterface
    interface JmsRunnable {
        void run() throws JMSException;
    }

    static void uncheckedRun(JmsRunnable action) {
        try {
            action.run();
        } catch (JMSException e) {
            throw toRuntime(e);
        }
    }
}
