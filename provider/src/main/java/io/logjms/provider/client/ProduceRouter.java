package io.logjms.provider.client;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.ProduceResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends each partition's batches to its leader and follows the leader when it moves. One lane per partition keeps
 * the batches in send order: all batches in flight go to one leader; when one fails because the leader moved or
 * could not be reached ({@link LeaderErrors#leaderMoved}), or was refused as out of order behind such a batch, the
 * lane sends nothing more until every batch in flight is answered, asks the cluster where the partition is led
 * now (with back-off), and sends every batch not yet accepted again, in their original order and with the same
 * bytes (same producer id, epoch and sequences, so a leader that already holds one answers it without storing it
 * twice). Batches the application sends meanwhile
 * wait behind them. Only when {@code reconnectTimeout}, counted from the first failure, runs out without a leader
 * accepting them do they fail, with a {@link PartitionUnavailableException} naming the partition and the last
 * error.
 *
 * <p>Thread-safe: each lane has its own lock; the application's futures are completed outside it (their callbacks
 * take the session's produce-queue lock, which callers of {@link #produce} hold).
 */
final class ProduceRouter {

    /** Where a partition's batches go. */
    @FunctionalInterface
    interface Target {
        /** Sends a batch; a lost connection fails it rather than holding it for a reconnect. */
        CompletableFuture<ProduceResponse> produce(OutgoingBatch batch);
    }

    /** What the router asks of the cluster. */
    interface Routes {
        /**
         * The connection to the partition's leader as known now, opened if needed; fails with
         * {@link NoLeaderException} when the cluster names none.
         */
        CompletableFuture<Target> leaderOf(DestinationId destination, int partition);

        /** Asks the cluster again where the destination's partitions are led; completes when answered or failed. */
        CompletableFuture<Void> refresh(DestinationId destination);
    }

    private record Key(DestinationId destination, int partition) {
    }

    private static final class Routed {
        final OutgoingBatch batch;
        final CompletableFuture<ProduceResponse> result = new CompletableFuture<>();
        boolean sent;

        Routed(OutgoingBatch batch) {
            this.batch = batch;
        }
    }

    /** One partition's batches not answered yet, in send order; guarded by itself. */
    private static final class Lane {
        final Key key;
        final ArrayDeque<Routed> queue = new ArrayDeque<>();
        /** Where batches go now; null until the leader is looked up again. */
        Target target;
        int inFlight;
        boolean resolving;
        boolean retryScheduled;
        /** When the current run of failures began, or -1 while the leader takes batches. */
        long troubleSince = -1;
        int round;
        Throwable lastFailure;

        Lane(Key key) {
            this.key = key;
        }
    }

    private final Routes routes;
    private final ReconnectBackoff backoff;
    private final ReconnectScheduler scheduler;
    private final ConcurrentHashMap<Key, Lane> lanes = new ConcurrentHashMap<>();
    /** The connection is closing or gave up: batches that would be sent again fail with their last error. */
    private volatile boolean stopped;

    ProduceRouter(Routes routes, ReconnectBackoff backoff, ReconnectScheduler scheduler) {
        this.routes = routes;
        this.backoff = backoff;
        this.scheduler = scheduler;
    }

    /**
     * The connection is closing (or gave up reconnecting): from now on a batch whose leader fails it is not sent
     * again but fails with that error, so closing does not wait out {@code reconnectTimeout}.
     */
    void stop() {
        stopped = true;
    }

    CompletableFuture<ProduceResponse> produce(OutgoingBatch batch) {
        Lane lane = lanes.computeIfAbsent(new Key(batch.destination(), batch.partition()), Lane::new);
        Routed routed = new Routed(batch);
        synchronized (lane) {
            lane.queue.add(routed);
            pump(lane);
        }
        return routed.result;
    }

    /** Sends what waits, or starts finding the leader; called holding the lane's lock. */
    private void pump(Lane lane) {
        if (lane.resolving || lane.retryScheduled || lane.queue.isEmpty()) {
            return;
        }
        if (lane.target == null) {
            if (lane.inFlight > 0) {
                return; // send again only once every earlier batch is answered, so the order holds
            }
            if (lane.troubleSince >= 0) {
                scheduleRetry(lane);
            } else {
                resolve(lane);
            }
            return;
        }
        for (Routed r : new ArrayList<>(lane.queue)) {
            if (lane.target == null) {
                break; // a send failed at once: the rest waits for the next leader
            }
            if (!r.sent && lane.queue.contains(r)) {
                send(lane, r);
            }
        }
        if (lane.target == null) {
            pump(lane); // a send was refused at once (a connection reconnecting): look for the leader again
        }
    }

    private void resolve(Lane lane) {
        lane.resolving = true;
        CompletableFuture<Target> found;
        try {
            found = routes.leaderOf(lane.key.destination(), lane.key.partition());
        } catch (RuntimeException e) {
            found = CompletableFuture.failedFuture(e);
        }
        found.whenComplete((target, error) -> resolved(lane, target, error));
    }

    private void resolved(Lane lane, Target target, Throwable error) {
        List<Routed> failed = List.of();
        Throwable failure = error;
        synchronized (lane) {
            lane.resolving = false;
            if (error == null) {
                lane.target = target;
            } else if (LeaderErrors.leaderMoved(error)) {
                trouble(lane, error);
            } else {
                failed = new ArrayList<>(lane.queue);
                lane.queue.clear();
            }
            pump(lane);
        }
        completeLater(failed, failure);
    }

    private void send(Lane lane, Routed routed) {
        routed.sent = true;
        lane.inFlight++;
        Target target = lane.target;
        CompletableFuture<ProduceResponse> answer;
        try {
            answer = target.produce(routed.batch);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((response, error) -> answered(lane, target, routed, response, error));
    }

    private void answered(Lane lane, Target target, Routed routed, ProduceResponse response, Throwable error) {
        boolean complete;
        boolean underLock = Thread.holdsLock(lane);
        synchronized (lane) {
            lane.inFlight--;
            if (error == null) {
                lane.queue.remove(routed);
                lane.troubleSince = -1;
                lane.round = 0;
                complete = true;
            } else if (LeaderErrors.leaderMoved(error) || outOfOrderBehindUnstored(lane, routed, error)) {
                routed.sent = false;
                trouble(lane, error);
                if (lane.target == target) {
                    lane.target = null;
                }
                complete = false;
            } else {
                lane.queue.remove(routed);
                complete = true;
            }
            if (!underLock) {
                pump(lane);
            }
        }
        if (!complete) {
            return;
        }
        if (underLock) {
            // answered at once inside a send: complete after the caller's locks are released
            scheduler.schedule(() -> finish(routed, response, error), 0);
        } else {
            finish(routed, response, error);
        }
    }

    /**
     * Whether a batch was refused as out of order only because a batch before it in this lane is not stored yet (a
     * new leader refused that one while it was still taking over, and had taken over when this one arrived): it is
     * sent again after that one, like a batch whose leader moved. A gap at the head of the lane is a real gap.
     */
    private static boolean outOfOrderBehindUnstored(Lane lane, Routed routed, Throwable error) {
        return LeaderErrors.unwrap(error) instanceof ProtocolErrorException e
                && e.error() == ErrorCode.OUT_OF_ORDER_SEQUENCE && lane.queue.peekFirst() != routed;
    }

    private static void finish(Routed routed, ProduceResponse response, Throwable error) {
        if (error == null) {
            routed.result.complete(response);
        } else {
            routed.result.completeExceptionally(LeaderErrors.unwrap(error));
        }
    }

    private void trouble(Lane lane, Throwable error) {
        lane.lastFailure = LeaderErrors.unwrap(error);
        if (lane.troubleSince < 0) {
            lane.troubleSince = scheduler.nowMillis();
            lane.round = 0;
        }
    }

    /** Waits the back-off, refreshes the metadata and looks the leader up again; or gives up at the deadline. */
    private void scheduleRetry(Lane lane) {
        long pause = backoff.next(lane.round, scheduler.nowMillis() - lane.troubleSince);
        if (stopped) {
            failAll(lane, lane.lastFailure);
            return;
        }
        if (pause < 0) {
            giveUp(lane);
            return;
        }
        lane.round++;
        lane.retryScheduled = true;
        scheduler.schedule(() -> {
            CompletableFuture<Void> refreshed;
            try {
                refreshed = routes.refresh(lane.key.destination());
            } catch (RuntimeException e) {
                refreshed = CompletableFuture.failedFuture(e);
            }
            refreshed.whenComplete((v, e) -> {
                synchronized (lane) {
                    lane.retryScheduled = false;
                    if (stopped) {
                        failAll(lane, lane.lastFailure);
                    } else if (!lane.queue.isEmpty()) {
                        resolve(lane);
                    }
                }
            });
        }, pause);
    }

    private void giveUp(Lane lane) {
        Key key = lane.key;
        PartitionUnavailableException failure = new PartitionUnavailableException("no leader of partition "
                + key.partition() + " of " + key.destination() + " took the batch within reconnectTimeout ("
                + backoff.timeoutMillis() + " ms); last error: " + LeaderErrors.describe(lane.lastFailure),
                lane.lastFailure);
        failAll(lane, failure);
    }

    /** Fails every batch of the lane (none is in flight) and starts it afresh; called holding its lock. */
    private void failAll(Lane lane, Throwable failure) {
        List<Routed> failed = new ArrayList<>(lane.queue);
        lane.queue.clear();
        lane.troubleSince = -1;
        lane.round = 0;
        completeLater(failed, failure);
    }

    private void completeLater(List<Routed> failed, Throwable failure) {
        if (!failed.isEmpty()) {
            scheduler.schedule(() -> failed.forEach(r -> r.result.completeExceptionally(LeaderErrors.unwrap(failure))),
                    0);
        }
    }
}
