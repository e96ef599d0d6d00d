package io.logjms.broker.net.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ProduceOrderTest {
    private final Deque<Runnable> controlTasks = new ArrayDeque<>();
    private final Executor control = controlTasks::add;
    private final ProduceOrder order = new ProduceOrder(control);
    private final List<String> ran = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();
    private final Object connection = "connection 1";
    private final Object other = "connection 2";

    private void submit(Object from, boolean blocks, String name) {
        order.run(from, blocks, () -> ran.add(name), e -> failed.add(name + ": " + e.getMessage()));
    }

    /** Runs what the control thread would, until nothing is left. */
    private void runControl() {
        while (!controlTasks.isEmpty()) {
            controlTasks.poll().run();
        }
    }

    @Test
    void aRequestThatNeedNotWaitRunsAtOnce() {
        submit(connection, false, "a");
        assertThat(ran).containsExactly("a");
        assertThat(controlTasks).isEmpty();
    }

    @Test
    void aRequestThatMayWaitRunsOnTheControlExecutor() {
        submit(connection, true, "create");
        assertThat(ran).isEmpty();
        runControl();
        assertThat(ran).containsExactly("create");
    }

    @Test
    void laterRequestsOfTheConnectionDoNotOvertakeOneWaitingForItsDestination() {
        submit(connection, true, "p1 creates");
        submit(connection, false, "p2");
        submit(connection, true, "p3 creates");
        submit(connection, false, "p4");
        assertThat(ran).as("all wait for the first").isEmpty();
        runControl();
        assertThat(ran).containsExactly("p1 creates", "p2", "p3 creates", "p4");
    }

    @Test
    void otherConnectionsAreNotHeldBack() {
        submit(connection, true, "creates");
        submit(other, false, "other");
        assertThat(ran).containsExactly("other");
        runControl();
        assertThat(ran).containsExactly("other", "creates");
    }

    @Test
    void onceTheQueueHasDrainedRequestsRunAtOnceAgain() {
        submit(connection, true, "creates");
        runControl();
        assertThat(order.waits(connection)).isFalse();
        submit(connection, false, "next");
        assertThat(ran).containsExactly("creates", "next");
        assertThat(controlTasks).isEmpty();
    }

    @Test
    void aFailedRequestIsAnsweredAndTheOnesBehindItStillRun() {
        order.run(connection, true, () -> {
            throw new IllegalStateException("no space left");
        }, e -> failed.add("p1: " + e.getMessage()));
        submit(connection, false, "p2");
        runControl();
        assertThat(failed).containsExactly("p1: no space left");
        assertThat(ran).containsExactly("p2");
    }
}
