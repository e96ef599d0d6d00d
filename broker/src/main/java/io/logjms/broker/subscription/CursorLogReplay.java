package io.logjms.broker.subscription;

import io.logjms.broker.log.PartitionLog;
import io.logjms.broker.subscription.CursorJournal.PartitionState;

/**
 * Rebuilds one subscription's cursor state on one partition from the partition's log: every {@link CursorEntry}
 * of that subscription incarnation, in log order, applied as {@link CursorJournal} applies its journal, from the log
 * start or from a {@link CursorCheckpoint} (then only the records after it are read). Entries of other subscriptions
 * and incarnations are skipped. Every control record (a cursor entry of any subscription, an epoch-start marker) is
 * done for every subscription, as a dispatcher marks it done when it reads it: each is acknowledged where it lies,
 * and again after an entry that resets the state above its floor (a floor moved back, a snapshot), so the floor moves
 * past the entries themselves instead of stopping at each of them ({@link CursorReplayer} has the rules). Stateless;
 * reads the log up to the end given (the leader's log end once its takeover caught up).
 */
final class CursorLogReplay {
    private CursorLogReplay() {
    }

    /**
     * The state of the subscription incarnation whose {@link CursorEntry#prefix} is {@code prefix}, from the log
     * start up to {@code end}; null when the log holds no entry of it.
     */
    static PartitionState replay(PartitionLog log, byte[] prefix, long end) {
        return replay(log, prefix, end, CursorCheckpoint.NONE);
    }

    /**
     * As {@link #replay(PartitionLog, byte[], long)}, starting from {@code from}, which must {@link
     * CursorCheckpoint#fits fit} the log: the same state as a replay from the log start, reading only what lies after
     * the checkpoint (and, if a floor goes back below it, the control records from there).
     */
    static PartitionState replay(PartitionLog log, byte[] prefix, long end, CursorCheckpoint from) {
        CursorReplayer replayer = new CursorReplayer(log, prefix, from);
        replayer.replayTo(end);
        return replayer.state(prefix);
    }
}
