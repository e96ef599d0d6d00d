package io.logjms.provider;

import io.logjms.protocol.ErrorCode;
import io.logjms.provider.client.ProtocolErrorException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.transaction.xa.XAException;

/** The one place that turns what an XA request met into the {@code XAException} codes the spec names. */
final class XaErrors {
    private XaErrors() {
    }

    /** An XAException with an error code and a message (the JDK has no constructor taking both). */
    static XAException error(int errorCode, String message) {
        XAException e = new XAException(message + " (" + name(errorCode) + ")");
        e.errorCode = errorCode;
        return e;
    }

    /** Waits for an XA request's answer; a failure becomes an XAException. */
    static <T> T await(CompletableFuture<T> answer, long timeoutMillis, String action) throws XAException {
        try {
            return answer.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw withCause(XAException.XAER_RMFAIL, "interrupted while waiting to " + action, e);
        } catch (TimeoutException e) {
            throw withCause(XAException.XAER_RMFAIL, "the broker did not answer in " + timeoutMillis + " ms to "
                    + action + "; the outcome is unknown", e);
        } catch (ExecutionException e) {
            throw translate(e.getCause(), action);
        }
    }

    /** The XAException for a failed XA request. */
    static XAException translate(Throwable failure, String action) {
        if (failure instanceof ProtocolErrorException p) {
            return withCause(codeFor(p.error()), "cannot " + action + ": " + p.getMessage(), p);
        }
        return withCause(XAException.XAER_RMFAIL, "cannot " + action + ": the broker is unreachable or the"
                + " connection was lost (" + failure + ")", failure);
    }

    static int codeFor(ErrorCode error) {
        return switch (error) {
            case XA_UNKNOWN_BRANCH -> XAException.XAER_NOTA;
            case XA_DUPLICATE_BRANCH -> XAException.XAER_DUPID;
            case XA_PROTOCOL_ERROR -> XAException.XAER_PROTO;
            case XA_BRANCH_TIMED_OUT -> XAException.XA_RBTIMEOUT;
            case XA_BRANCH_ROLLED_BACK -> XAException.XA_RBROLLBACK;
            case XA_INVALID_ARGUMENTS, INVALID_REQUEST -> XAException.XAER_INVAL;
            case BROKER_SHUTTING_DOWN -> XAException.XAER_RMFAIL;
            default -> XAException.XAER_RMERR;
        };
    }

    private static XAException withCause(int errorCode, String message, Throwable cause) {
        XAException e = error(errorCode, message);
        e.initCause(cause);
        return e;
    }

    static String name(int errorCode) {
        return switch (errorCode) {
            case XAException.XAER_NOTA -> "XAER_NOTA";
            case XAException.XAER_DUPID -> "XAER_DUPID";
            case XAException.XAER_PROTO -> "XAER_PROTO";
            case XAException.XAER_INVAL -> "XAER_INVAL";
            case XAException.XAER_RMERR -> "XAER_RMERR";
            case XAException.XAER_RMFAIL -> "XAER_RMFAIL";
            case XAException.XA_RBTIMEOUT -> "XA_RBTIMEOUT";
            case XAException.XA_RBROLLBACK -> "XA_RBROLLBACK";
            case XAException.XA_RBCOMMFAIL -> "XA_RBCOMMFAIL";
            default -> "XAException code " + errorCode;
        };
    }
}
