package io.logjms.broker.net;

import io.logjms.broker.destination.DestinationException;
import io.logjms.broker.subscription.SubscriptionException;
import io.logjms.broker.transaction.XaBranchException;
import io.logjms.protocol.ErrorCode;

/** Error codes for the destination and subscription layers' refusals. */
final class DomainErrors {
    private DomainErrors() {
    }

    static ErrorCode codeFor(DestinationException.Reason reason) {
        return switch (reason) {
            case UNKNOWN_DESTINATION -> ErrorCode.UNKNOWN_DESTINATION;
            case DESTINATION_EXISTS -> ErrorCode.DESTINATION_EXISTS;
            case INVALID_DESTINATION -> ErrorCode.INVALID_DESTINATION;
            case UNKNOWN_PARTITION -> ErrorCode.UNKNOWN_PARTITION;
        };
    }

    static ErrorCode codeFor(SubscriptionException.Reason reason) {
        return switch (reason) {
            case INVALID_REQUEST -> ErrorCode.INVALID_REQUEST;
            case INVALID_CLIENT_ID -> ErrorCode.INVALID_CLIENT_ID;
            case INVALID_SELECTOR -> ErrorCode.INVALID_SELECTOR;
            case UNKNOWN_SUBSCRIPTION -> ErrorCode.UNKNOWN_SUBSCRIPTION;
            case SUBSCRIPTION_IN_USE -> ErrorCode.SUBSCRIPTION_IN_USE;
            case UNKNOWN_DESTINATION -> ErrorCode.UNKNOWN_DESTINATION;
            case UNKNOWN_PARTITION -> ErrorCode.UNKNOWN_PARTITION;
            case NOT_ANSWERED -> ErrorCode.UNKNOWN_ERROR;
        };
    }

    static ErrorCode codeFor(XaBranchException.Reason reason) {
        return switch (reason) {
            case UNKNOWN_BRANCH -> ErrorCode.XA_UNKNOWN_BRANCH;
            case DUPLICATE_BRANCH -> ErrorCode.XA_DUPLICATE_BRANCH;
            case PROTOCOL_ERROR -> ErrorCode.XA_PROTOCOL_ERROR;
            case TIMED_OUT -> ErrorCode.XA_BRANCH_TIMED_OUT;
            case ROLLED_BACK -> ErrorCode.XA_BRANCH_ROLLED_BACK;
            case INVALID -> ErrorCode.XA_INVALID_ARGUMENTS;
        };
    }
}
