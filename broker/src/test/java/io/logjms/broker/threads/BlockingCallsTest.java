package io.logjms.broker.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class BlockingCallsTest {

    @Test
    void testsRunWithAssertionsOn() {
        boolean enabled = false;
        assert enabled = true;
        assertThat(enabled).as("surefire and failsafe enable assertions, which the event-loop checks rely on").isTrue();
    }

    @Test
    void aWaitingCallOnANetworkThreadFailsTheAssertion() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread eventLoop = new Thread(BlockingCalls.onNonBlockingThread(() -> {
            try {
                assert BlockingCalls.allowed("opening a subscription");
            } catch (AssertionError e) {
                failure.set(e);
            }
        }));
        eventLoop.start();
        eventLoop.join(5000);
        assertThat(failure.get()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("opening a subscription would block the network thread");
    }

    @Test
    void otherThreadsMayWait() {
        assertThat(BlockingCalls.allowed("an fsync")).isTrue();
    }
}
