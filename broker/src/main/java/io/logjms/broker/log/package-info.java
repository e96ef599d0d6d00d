/**
 * The storage engine: every partition of a destination is a {@link io.logjms.broker.log.PartitionLog},
 * an append-only directory of segments holding record batches as producers sent them, with a sparse
 * offset index and a time index per segment. {@link io.logjms.broker.log.LogManager} keeps all
 * partitions under one data directory and runs retention and the interval flusher.
 *
 * <p>Layers, from the bottom: {@code SegmentFile} (the bytes of one {@code .log} file),
 * {@code OffsetIndex} and {@code TimeIndex}, {@code LogSegment} (one segment), {@code LogSegments}
 * (the ordered set), {@code LogLoader} (recovery on open), {@code PartitionLog}, {@code LogManager}.
 * The on-disk format is described in {@code docs/STORAGE.md}.
 */
package io.logjms.broker.log;
