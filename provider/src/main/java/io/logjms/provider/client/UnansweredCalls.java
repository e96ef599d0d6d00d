package io.logjms.provider.client;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The requests of a {@link ReconnectingBrokerConnection} still waiting for an answer, in the order they were made,
 * and what becomes of each when the connection is lost and when it is restored (as its {@link PendingCall#onLoss}
 * says). Not thread-safe: the reconnecting connection calls it holding its lock.
 */
final class UnansweredCalls {
    private final TreeMap<Long, PendingCall<?>> calls = new TreeMap<>();

    void add(PendingCall<?> call) {
        calls.put(call.sequence, call);
    }

    /** Whether {@code call} still waits, and for the answer of the connection it was sent on. */
    boolean awaits(PendingCall<?> call, int sentOn) {
        return calls.get(call.sequence) == call && call.sentOn == sentOn;
    }

    void remove(PendingCall<?> call) {
        calls.remove(call.sequence);
    }

    /** Every call, forgotten: the connection is closed or gave up. */
    List<PendingCall<?>> takeAll() {
        List<PendingCall<?>> all = new ArrayList<>(calls.values());
        calls.clear();
        return all;
    }

    /**
     * The connection is lost: calls to resend are marked unsent and stay; the calls that return at once are taken
     * out and returned, for the caller to fail.
     */
    List<PendingCall<?>> connectionLost() {
        List<PendingCall<?>> returned = new ArrayList<>();
        for (PendingCall<?> call : calls.values()) {
            if (call.onLoss == PendingCall.OnLoss.RESEND) {
                call.sentOn = -1;
            } else if (call.onLoss == PendingCall.OnLoss.RETURN) {
                returned.add(call);
            }
        }
        returned.forEach(this::remove);
        return returned;
    }

    /** What a restored connection does with the calls still waiting. */
    record Restored(List<PendingCall<?>> resend, List<PendingCall<?>> lostCommits) {
    }

    /**
     * The connection is restored as generation {@code sentOn}: commits in doubt are taken out (they cannot be sent
     * again), every other call is marked as sent on the new connection and returned, in order, for the caller to
     * send.
     */
    Restored connectionRestored(int sentOn) {
        List<PendingCall<?>> resend = new ArrayList<>();
        List<PendingCall<?>> lostCommits = new ArrayList<>();
        for (PendingCall<?> call : calls.values()) {
            if (call.onLoss == PendingCall.OnLoss.FAIL) {
                lostCommits.add(call);
            } else {
                call.sentOn = sentOn;
                resend.add(call);
            }
        }
        lostCommits.forEach(this::remove);
        return new Restored(resend, lostCommits);
    }
}
