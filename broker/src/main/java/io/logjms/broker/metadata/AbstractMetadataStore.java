package io.logjms.broker.metadata;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The part of a {@link MetadataStore} that does not depend on storage: argument checks, the rules of each
 * operation, and the locking. A change is decided, {@linkplain #persist persisted}, then applied to the state.
 *
 * <p>Writers are serialized by one lock held across persisting, so a slow disk never blocks readers: readers
 * only wait while a change is applied in memory.
 */
abstract class AbstractMetadataStore implements MetadataStore {
    private final MetadataState state;
    private final Lock writerLock = new ReentrantLock();
    private final ReadWriteLock stateLock = new ReentrantReadWriteLock();
    private volatile boolean closed;
    private volatile MetadataStorageException failure;

    AbstractMetadataStore(MetadataState initialState) {
        this.state = initialState;
    }

    /**
     * Makes {@code change} durable. Called with the writer lock held, before the change is applied.
     *
     * @throws MetadataStorageException if the change may not be durable; the change is then not applied
     */
    abstract void persist(MetadataChange change);

    /** Called with the writer lock held after a change was applied. */
    void afterApply() {
    }

    /** Releases the storage; called once, with the writer lock held. */
    abstract void closeStorage();

    /**
     * Refuses every further change: called when storage failed in a way that makes writing on unsafe.
     * Reads keep working.
     */
    final void markFailed(MetadataStorageException cause) {
        failure = cause;
    }

    /** The changes that rebuild the current state; call with the writer lock held (from the hooks). */
    final List<MetadataChange> stateAsChanges() {
        return state.asChanges();
    }

    @Override
    public void createDestination(DestinationMetadata destination) {
        Objects.requireNonNull(destination, "destination");
        change(() -> {
            if (state.destination(destination.key()).isPresent()) {
                throw new DestinationExistsException(destination.key());
            }
            return new MetadataChange.PutDestination(destination);
        });
    }

    @Override
    public Optional<DestinationMetadata> destination(DestinationKey key) {
        Objects.requireNonNull(key, "key");
        return read(() -> state.destination(key));
    }

    @Override
    public List<DestinationMetadata> destinations() {
        return read(state::destinations);
    }

    @Override
    public void updateDestination(DestinationMetadata destination) {
        Objects.requireNonNull(destination, "destination");
        change(() -> {
            if (state.destination(destination.key()).isEmpty()) {
                throw new UnknownDestinationException(destination.key());
            }
            return new MetadataChange.PutDestination(destination);
        });
    }

    @Override
    public void deleteDestination(DestinationKey key) {
        Objects.requireNonNull(key, "key");
        change(() -> {
            if (state.destination(key).isEmpty()) {
                throw new UnknownDestinationException(key);
            }
            return new MetadataChange.DeleteDestination(key);
        });
    }

    @Override
    public void putRecord(String namespace, String key, byte[] value) {
        checkName("namespace", namespace);
        checkName("key", key);
        Objects.requireNonNull(value, "value");
        if (value.length > MAX_RECORD_VALUE_BYTES) {
            throw new InvalidMetadataException("Record value of " + value.length + " bytes for " + namespace + "/"
                    + key + " exceeds the limit of " + MAX_RECORD_VALUE_BYTES + " bytes");
        }
        byte[] copy = value.clone();
        change(() -> new MetadataChange.PutRecord(namespace, key, copy));
    }

    @Override
    public Optional<byte[]> record(String namespace, String key) {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(key, "key");
        return read(() -> state.record(namespace, key));
    }

    @Override
    public Map<String, byte[]> records(String namespace) {
        Objects.requireNonNull(namespace, "namespace");
        return read(() -> state.records(namespace));
    }

    @Override
    public boolean deleteRecord(String namespace, String key) {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(key, "key");
        return change(() -> state.hasRecord(namespace, key) ? new MetadataChange.DeleteRecord(namespace, key) : null);
    }

    @Override
    public final void close() {
        writerLock.lock();
        try {
            if (!closed) {
                closed = true;
                closeStorage();
            }
        } finally {
            writerLock.unlock();
        }
    }

    private static void checkName(String what, String name) {
        Objects.requireNonNull(name, what);
        if (name.isEmpty() || name.length() > MAX_RECORD_NAME_LENGTH) {
            throw new InvalidMetadataException("Record " + what + " must have 1.." + MAX_RECORD_NAME_LENGTH
                    + " characters, got " + name.length());
        }
    }

    /**
     * Decides, persists and applies one change. {@code decision} sees the current state (it runs under the
     * writer lock) and returns {@code null} when nothing needs to change.
     *
     * @return whether a change was made
     */
    private boolean change(Supplier<MetadataChange> decision) {
        writerLock.lock();
        try {
            ensureOpen();
            MetadataStorageException failed = failure;
            if (failed != null) {
                throw new MetadataStorageException("Metadata store refuses changes after a storage failure: "
                        + failed.getMessage(), failed);
            }
            MetadataChange change = decision.get();
            if (change == null) {
                return false;
            }
            persist(change);
            stateLock.writeLock().lock();
            try {
                state.apply(change);
            } finally {
                stateLock.writeLock().unlock();
            }
            afterApply();
            return true;
        } finally {
            writerLock.unlock();
        }
    }

    private <T> T read(Supplier<T> query) {
        stateLock.readLock().lock();
        try {
            ensureOpen();
            return query.get();
        } finally {
            stateLock.readLock().unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new MetadataStorageException("Metadata store is closed");
        }
    }
}
