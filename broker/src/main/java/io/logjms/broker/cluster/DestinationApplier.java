package io.logjms.broker.cluster;

import io.logjms.broker.metadata.DestinationKey;
import io.logjms.broker.metadata.DestinationMetadata;
import java.util.List;

/**
 * How the cluster applies destination changes to this broker: its metadata store and open logs. Called on one
 * coordination thread at a time (or on the thread that made the change), for each destination in the order of
 * its versions; a call may repeat what is already applied and must then change nothing.
 */
public interface DestinationApplier {
    /** The destination exists with this metadata: create it here, or update its settings. */
    void stored(DestinationMetadata destination);

    /** The destination was deleted: delete it here, if it exists. */
    void deleted(DestinationKey key);

    /** The destinations this broker stores, offered to the cluster when it has never heard of them. */
    List<DestinationMetadata> local();
}
