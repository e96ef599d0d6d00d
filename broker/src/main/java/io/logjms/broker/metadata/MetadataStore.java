package io.logjms.broker.metadata;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The broker's durable metadata: its destinations, plus a generic key-value area in which other parts keep
 * their own records (subscriptions, cursors), grouped by namespace.
 *
 * <p>The interface says nothing about how the metadata is stored, so a clustered implementation can sit behind
 * it. Contract of every implementation:
 * <ul>
 *   <li>thread-safe; changes are applied one at a time, and a read sees every change that returned before it
 *       started;</li>
 *   <li>a change is durable (as the implementation defines it) before the mutating call returns;</li>
 *   <li>byte arrays are copied on the way in and out;</li>
 *   <li>after {@link #close()} every call fails with {@link MetadataStorageException}.</li>
 * </ul>
 */
public interface MetadataStore extends AutoCloseable {
    /** The longest record namespace or record key, in characters. */
    int MAX_RECORD_NAME_LENGTH = 1024;
    /** The largest record value, in bytes. */
    int MAX_RECORD_VALUE_BYTES = 1 << 20;

    /**
     * Adds a destination.
     *
     * @throws DestinationExistsException if a destination with the same kind and name exists
     */
    void createDestination(DestinationMetadata destination);

    /** The destination with this kind and name, if it exists. */
    Optional<DestinationMetadata> destination(DestinationKey key);

    /** Every destination, ordered by {@link DestinationKey}. */
    List<DestinationMetadata> destinations();

    /**
     * Replaces the metadata of an existing destination (identified by {@link DestinationMetadata#key()}).
     *
     * @throws UnknownDestinationException if the destination does not exist
     */
    void updateDestination(DestinationMetadata destination);

    /**
     * Removes a destination's metadata. Records in the key-value area are not touched.
     *
     * @throws UnknownDestinationException if the destination does not exist
     */
    void deleteDestination(DestinationKey key);

    /**
     * Sets the record {@code key} in {@code namespace}, replacing any previous value.
     *
     * @throws InvalidMetadataException if the namespace or key is empty or longer than
     *         {@value #MAX_RECORD_NAME_LENGTH} characters, or the value exceeds {@value #MAX_RECORD_VALUE_BYTES}
     *         bytes
     */
    void putRecord(String namespace, String key, byte[] value);

    /** The value of record {@code key} in {@code namespace}, if it exists. */
    Optional<byte[]> record(String namespace, String key);

    /** Every record of {@code namespace}, ordered by key; empty if the namespace has none. */
    Map<String, byte[]> records(String namespace);

    /**
     * Removes record {@code key} from {@code namespace}.
     *
     * @return whether the record existed
     */
    boolean deleteRecord(String namespace, String key);

    /** Releases the storage. Calling it again has no effect. */
    @Override
    void close();
}
