package io.logjms.broker.subscription;

import java.nio.channels.FileChannel;

/**
 * Whole stored batches handed to a consumer as they lie in the segment file: the network layer sends
 * the file range without copying it (the {@code FORMAT_BATCHES} delivery). The batches may start before
 * the consumer's position; the client skips those records, and they count against credit like the
 * others (see docs/PROTOCOL.md, "Fetch and deliveries").
 *
 * @param channel     the segment's file; never to be closed by the sender
 * @param position    byte position of the first batch
 * @param sizeInBytes length of the range: whole batches only
 * @param recordCount records the batches carry, those before the consumer's position included
 */
public record BatchDelivery(FileChannel channel, long position, int sizeInBytes, int recordCount) {
}
