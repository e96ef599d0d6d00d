package io.logjms.broker.net;

import io.logjms.broker.cluster.ClusterException;
import io.logjms.broker.destination.DestinationException;
import io.logjms.broker.subscription.SubscriptionException;
import io.logjms.broker.transaction.TransactionException;
import io.logjms.broker.transaction.XaBranchException;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.InvalidRequestException;
import io.logjms.protocol.MalformedFrameException;
import io.logjms.protocol.record.InvalidRecordException;

/**
 * The one place that turns broker exceptions into protocol error codes: each layer throws its own types
 * ({@link RequestException} here, {@code DestinationException}, {@code SubscriptionException}, the storage,
 * partition and metadata exceptions), and only this layer knows the wire codes.
 */
public final class ErrorMapping {
    private ErrorMapping() {
    }

    public static ErrorCode codeFor(Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof RequestException re) {
            return re.error();
        }
        if (e instanceof DestinationException de) {
            return DomainErrors.codeFor(de.reason());
        }
        if (e instanceof SubscriptionException se) {
            return DomainErrors.codeFor(se.reason());
        }
        if (e instanceof ClusterException ce) {
            return ce.reason() == ClusterException.Reason.NO_MAJORITY ? ErrorCode.CLUSTER_NO_MAJORITY
                    : ErrorCode.CLUSTER_NOT_JOINED;
        }
        if (e instanceof TransactionException te) {
            return te.error();
        }
        if (e instanceof XaBranchException xe) {
            return DomainErrors.codeFor(xe.reason());
        }
        if (e instanceof InvalidRequestException) {
            return ErrorCode.INVALID_REQUEST;
        }
        if (e instanceof MalformedFrameException) {
            return ErrorCode.MALFORMED_FRAME;
        }
        if (e instanceof InvalidRecordException) {
            return ErrorCode.CORRUPT_BATCH;
        }
        return LogErrors.codeFor(e);
    }

    /** Errors after which the connection cannot be trusted to stay in step, so it is closed. */
    public static boolean closesConnection(ErrorCode code) {
        return code == ErrorCode.MALFORMED_FRAME || code == ErrorCode.CORRUPT_BATCH
                || code == ErrorCode.UNKNOWN_REQUEST || code == ErrorCode.FRAME_TOO_LARGE
                || code == ErrorCode.HANDSHAKE_REQUIRED || code == ErrorCode.UNSUPPORTED_VERSION
                || code == ErrorCode.AUTHENTICATION_FAILED;
    }

    public static String messageFor(Throwable t) {
        Throwable e = unwrap(t);
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof java.util.concurrent.CompletionException
                || e instanceof java.util.concurrent.ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
