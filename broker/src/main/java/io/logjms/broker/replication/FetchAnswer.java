package io.logjms.broker.replication;

import io.logjms.broker.log.FetchData;
import io.logjms.protocol.api.ReplicaFetchResponseHeader;

/** What a replica answers a {@code REPLICA_FETCH}: the header, and the batches to send from the file (or null). */
public record FetchAnswer(ReplicaFetchResponseHeader header, FetchData data) {
}
