package io.logjms.broker.net;

import io.logjms.broker.BrokerException;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.InvalidRequestException;
import io.logjms.protocol.MalformedFrameException;
import io.logjms.protocol.record.InvalidRecordException;

/** The one place that turns broker exceptions into protocol error codes. */
public final class ErrorMapping {
    private ErrorMapping() {
    }

    public static ErrorCode codeFor(Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof BrokerException be) {
            return be.error();
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
