package io.logjms.broker.replication;

import io.logjms.broker.log.LeaderEpochCache;
import io.logjms.broker.log.LeaderEpochCache.EpochEndOffset;

/**
 * Where a fetcher's log stops matching the log it fetches from, decided by leader epochs alone (KIP-101 and
 * KIP-320), never by a high watermark. No state, no I/O.
 *
 * <p>Two logs agree on every offset below {@code o} if they hold the same epoch there: one leader per epoch
 * assigns each offset once. So the serving replica looks up its own end of the fetcher's last epoch: if it
 * holds that epoch at least up to the fetcher's log end, everything the fetcher has matches; otherwise it
 * answers where its copy of that epoch (or the largest older one it knows) ends, the fetcher truncates to the
 * smaller of that and its own end for the same epoch, and asks again. Each round removes at least the
 * fetcher's last epoch, so it ends.
 */
public final class Divergence {
    private Divergence() {
    }

    /**
     * The serving side: null if the fetcher's log below {@code fetchOffset} matches, else the (epoch, end)
     * to tell it.
     *
     * @param lastFetchedEpoch the epoch of the fetcher's last batch, -1 if its log is empty
     * @param fetchOffset the fetcher's log end
     * @param servingEnd the serving log's {@code endOffsetFor(lastFetchedEpoch)}
     * @param servingLogStart the serving log's start
     */
    public static EpochEndOffset check(int lastFetchedEpoch, long fetchOffset, EpochEndOffset servingEnd,
                                       long servingLogStart) {
        if (lastFetchedEpoch == LeaderEpochCache.UNDEFINED_EPOCH) {
            return fetchOffset <= servingLogStart ? null
                    : new EpochEndOffset(LeaderEpochCache.UNDEFINED_EPOCH, servingLogStart);
        }
        if (servingEnd.undefined()) {
            return new EpochEndOffset(LeaderEpochCache.UNDEFINED_EPOCH, servingLogStart);
        }
        if (servingEnd.epoch() == lastFetchedEpoch && servingEnd.endOffset() >= fetchOffset) {
            return null;
        }
        return servingEnd;
    }

    /**
     * The fetching side: the offset to truncate its log to after a divergence answer.
     *
     * @param divergingEpoch the epoch the serving replica answered (undefined: it knows none as old)
     * @param divergingEnd where that epoch ends in the serving log
     * @param localEnd the fetcher's own {@code endOffsetFor(divergingEpoch)}
     * @param localLogStart the fetcher's log start
     */
    public static long truncationOffset(int divergingEpoch, long divergingEnd, EpochEndOffset localEnd,
                                        long localLogStart) {
        if (divergingEpoch == LeaderEpochCache.UNDEFINED_EPOCH || localEnd.undefined()) {
            return localLogStart; // nothing of the fetcher's is known to the serving log
        }
        return Math.max(localLogStart, Math.min(divergingEnd, localEnd.endOffset()));
    }
}
