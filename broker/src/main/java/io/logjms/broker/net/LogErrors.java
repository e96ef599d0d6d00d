package io.logjms.broker.net;

import io.logjms.broker.config.ConfigException;
import io.logjms.broker.log.BatchTooLargeException;
import io.logjms.broker.log.InvalidTopicException;
import io.logjms.broker.log.LogClosedException;
import io.logjms.broker.log.LogOfflineException;
import io.logjms.broker.log.OffsetOutOfRangeException;
import io.logjms.broker.log.OutOfOrderSequenceException;
import io.logjms.broker.log.NonContiguousAppendException;
import io.logjms.broker.log.ProducerFencedException;
import io.logjms.broker.log.StaleLeaderEpochException;
import io.logjms.broker.metadata.DestinationExistsException;
import io.logjms.broker.metadata.InvalidMetadataException;
import io.logjms.broker.metadata.MetadataStorageException;
import io.logjms.broker.metadata.UnknownDestinationException;
import io.logjms.broker.partition.FencedLeaderEpochException;
import io.logjms.broker.partition.LeaderNotAvailableException;
import io.logjms.broker.partition.NotEnoughReplicasException;
import io.logjms.broker.partition.NotLeaderException;
import io.logjms.protocol.ErrorCode;

/** Error codes for the storage, partition and metadata layers' exceptions. */
final class LogErrors {
    private LogErrors() {
    }

    static ErrorCode codeFor(Throwable e) {
        if (e instanceof OffsetOutOfRangeException) {
            return ErrorCode.OFFSET_OUT_OF_RANGE;
        }
        if (e instanceof OutOfOrderSequenceException) {
            return ErrorCode.OUT_OF_ORDER_SEQUENCE;
        }
        if (e instanceof ProducerFencedException) {
            return ErrorCode.PRODUCER_FENCED;
        }
        if (e instanceof LeaderNotAvailableException) {
            return ErrorCode.LEADER_NOT_AVAILABLE;
        }
        if (e instanceof FencedLeaderEpochException) {
            return ErrorCode.FENCED_LEADER_EPOCH;
        }
        if (e instanceof NotEnoughReplicasException) {
            return ErrorCode.NOT_ENOUGH_REPLICAS;
        }
        if (e instanceof NotLeaderException || e instanceof StaleLeaderEpochException) {
            return ErrorCode.NOT_LEADER;
        }
        if (e instanceof NonContiguousAppendException) {
            return ErrorCode.INVALID_REQUEST;
        }
        if (e instanceof BatchTooLargeException) {
            return ErrorCode.BATCH_TOO_LARGE;
        }
        if (e instanceof LogOfflineException || e instanceof MetadataStorageException
                || e instanceof java.io.UncheckedIOException) {
            return ErrorCode.STORAGE_ERROR;
        }
        if (e instanceof LogClosedException) {
            return ErrorCode.BROKER_SHUTTING_DOWN;
        }
        if (e instanceof InvalidTopicException || e instanceof InvalidMetadataException || e instanceof ConfigException) {
            return ErrorCode.INVALID_DESTINATION;
        }
        if (e instanceof UnknownDestinationException) {
            return ErrorCode.UNKNOWN_DESTINATION;
        }
        if (e instanceof DestinationExistsException) {
            return ErrorCode.DESTINATION_EXISTS;
        }
        return ErrorCode.UNKNOWN_ERROR;
    }
}
