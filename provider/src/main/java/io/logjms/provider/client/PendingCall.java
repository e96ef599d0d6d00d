package io.logjms.provider.client;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A request the application made through a {@link ReconnectingBrokerConnection} and has no final answer
 * yet, with what to do with it when the connection is lost before the answer. Guarded by the owner's
 * lock, except {@link #result}, which is completed outside it.
 */
final class PendingCall<T> {
    /** What a lost connection means for a call. */
    enum OnLoss {
        /** Send it again on the next connection, in its original order, with the same bytes. */
        RESEND,
        /**
         * The loss settled it: acknowledgements and releases of records delivered on the lost connection
         * (the broker gives those back anyway), closing a subscription that ended with the connection.
         */
        SETTLED,
        /**
         * A commit that acknowledges records: it cannot be sent on a new connection (its records went
         * back to their subscriptions), and if it was in flight its outcome is unknown.
         */
        FAIL,
        /**
         * Fail it with a {@link ConnectionLostException} and let the caller send it where it now belongs: a produce
         * request routed to a partition's leader, which may have moved while this connection was down. Refused at
         * once while reconnecting.
         */
        RETURN
    }

    final long sequence;
    final String what;
    final Function<BrokerConnection, CompletableFuture<T>> request;
    final OnLoss onLoss;
    /** Updates the restorable state once the broker accepted the call (under the owner's lock). */
    final Consumer<T> onSuccess;
    final CompletableFuture<T> result = new CompletableFuture<>();
    /** The generation of the connection that was current when the call was made. */
    final int createdIn;
    /** The generation of the connection it was last sent on, or -1. */
    int sentOn = -1;

    PendingCall(long sequence, String what, Function<BrokerConnection, CompletableFuture<T>> request, OnLoss onLoss,
                Consumer<T> onSuccess, int createdIn) {
        this.sequence = sequence;
        this.what = what;
        this.request = request;
        this.onLoss = onLoss;
        this.onSuccess = onSuccess;
        this.createdIn = createdIn;
    }

    /** Completes the application's future; called outside the owner's lock. */
    @SuppressWarnings("unchecked")
    void finish(Object value, Throwable error) {
        if (error != null) {
            result.completeExceptionally(error);
        } else {
            result.complete((T) value);
        }
    }
}
