package io.logjms.provider.admin;

import java.util.List;

/** A described subscription: what it is and, per partition, how far it has got. */
public record SubscriptionDetails(SubscriptionSummary subscription, List<PartitionProgress> partitions) {

    public SubscriptionDetails {
        partitions = List.copyOf(partitions);
    }

    /**
     * One partition's progress.
     *
     * @param logStartOffset     first record the log still holds
     * @param logEndOffset       next offset to be written
     * @param committed          every record below this offset is acknowledged
     * @param inFlight           records delivered and not yet acknowledged
     * @param skippedByRetention records retention deleted before this subscription acknowledged them; they lay
     *                           below {@code logStartOffset} (the broker logs each exact range)
     */
    public record PartitionProgress(int partition, long logStartOffset, long logEndOffset, long committed,
                                    long inFlight, long skippedByRetention) {
        /** Records not yet acknowledged: log end minus committed position. */
        public long lag() {
            return Math.max(0, logEndOffset - committed);
        }
    }

    /** Lag summed over partitions. */
    public long lag() {
        return partitions.stream().mapToLong(PartitionProgress::lag).sum();
    }

    public long inFlight() {
        return partitions.stream().mapToLong(PartitionProgress::inFlight).sum();
    }

    public long skippedByRetention() {
        return partitions.stream().mapToLong(PartitionProgress::skippedByRetention).sum();
    }
}
