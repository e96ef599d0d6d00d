package io.logjms.provider.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.logjms.protocol.ErrorCode;
import io.logjms.provider.client.ConnectionLostException;
import io.logjms.provider.client.ProtocolErrorException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AdminCallsTest {

    @Test
    void aValueIsReturned() {
        assertThat(AdminCalls.await(CompletableFuture.completedFuture("ok"), Duration.ofSeconds(1), "x")).isEqualTo("ok");
    }

    @Test
    void aRefusalCarriesTheCodeAndTheBrokersOwnMessage() {
        LogJmsAdminException e = failWith(new ProtocolErrorException(ErrorCode.UNKNOWN_DESTINATION, "topic://t does not exist"),
                "delete topic t");
        assertThat(e.error()).isEqualTo(ErrorCode.UNKNOWN_DESTINATION);
        assertThat(e.refusedByBroker()).isTrue();
        assertThat(e).hasMessage("cannot delete topic t: topic://t does not exist");
    }

    @Test
    void aLostConnectionHasNoCode() {
        LogJmsAdminException e = failWith(new ConnectionLostException("gone", null), "list topics");
        assertThat(e.error()).isNull();
        assertThat(e.refusedByBroker()).isFalse();
        assertThat(e).hasMessage("cannot list topics: the connection to the broker was lost");
    }

    @Test
    void anUnreachableBrokerNamesTheIoError() {
        LogJmsAdminException e = failWith(new ConnectException("Connection refused"),
                "connect to the logjms broker at logjms://h:1");
        assertThat(e).hasMessage("cannot connect to the logjms broker at logjms://h:1: Connection refused");
    }

    @Test
    void noAnswerInTimeIsReported() {
        LogJmsAdminException e = catchThrowableOfType(
                () -> AdminCalls.await(new CompletableFuture<>(), Duration.ofMillis(1), "list queues"),
                LogJmsAdminException.class);
        assertThat(e).hasMessage("cannot list queues: no answer within 1 ms");
        assertThat(e.error()).isNull();
    }

    private static LogJmsAdminException failWith(Throwable cause, String action) {
        return catchThrowableOfType(() -> AdminCalls.await(CompletableFuture.failedFuture(cause), Duration.ofSeconds(1), action),
                LogJmsAdminException.class);
    }
}
