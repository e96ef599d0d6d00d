package io.logjms.provider.client;

import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Which failures of a request sent to a partition's leader mean "the leader is elsewhere or unreachable now":
 * the client then refreshes its metadata and sends the request again, to the new leader, until the reconnect
 * timeout runs out. Anything else is the request's own answer. Stateless.
 */
final class LeaderErrors {
    /**
     * The broker error codes of a leader that moved or cannot take the request now. Named rather than referenced:
     * besides {@code NOT_LEADER}, the codes come with cluster replication ({@code LEADER_NOT_AVAILABLE} while a
     * takeover runs, {@code NOT_ENOUGH_REPLICAS} while no majority of the replica set is reachable); a client
     * that does not know a code reads it as {@code UNKNOWN_ERROR}, which is final.
     */
    static final Set<String> LEADER_CODES = Set.of("NOT_LEADER", "LEADER_NOT_AVAILABLE", "NOT_ENOUGH_REPLICAS");

    private LeaderErrors() {
    }

    /**
     * Whether {@code failure} calls for asking the cluster where the partition is led now and sending again: a
     * leader-kind error code, a lost connection, a request unanswered within the request timeout (a silent
     * broker), a broker that could not be reached, or a partition without a leader.
     */
    static boolean leaderMoved(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof ProtocolErrorException e) {
            return LEADER_CODES.contains(e.error().name());
        }
        return t instanceof ConnectionLostException || t instanceof TimeoutException
                || t instanceof BrokerUnreachableException || t instanceof NoLeaderException;
    }

    static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** A failure for a message: the broker's code and text, or the exception's message. */
    static String describe(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t == null) {
            return "none";
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
