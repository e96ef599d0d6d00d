package io.logjms.broker.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DurabilityWaitersTest {
    private final AtomicLong flushed = new AtomicLong(10);
    private final DurabilityWaiters waiters = new DurabilityWaiters(flushed::get);

    @Test
    void completesWaitersOnceTheFlushedOffsetPassesThem() {
        assertThat(waiters.await(9)).isCompleted();
        CompletableFuture<Void> ten = waiters.await(10);
        CompletableFuture<Void> twenty = waiters.await(20);
        assertThat(ten).isNotDone();

        flushed.set(11);
        waiters.flushedUpTo(11);

        assertThat(ten).isCompleted();
        assertThat(twenty).isNotDone();
        assertThat(waiters.size()).isEqualTo(1);
    }

    @Test
    void failureFailsWaitingAndLaterFutures() {
        CompletableFuture<Void> waiting = waiters.await(15);
        LogClosedException error = new LogClosedException(new TopicPartition("t", 0));

        waiters.failAll(error);

        assertThat(waiting).isCompletedExceptionally();
        assertThat(waiters.await(20)).isCompletedExceptionally();
        assertThat(waiters.size()).isZero();
    }
}
