package io.logjms.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.protocol.ErrorCode;
import io.logjms.provider.client.ConnectionLostException;
import io.logjms.provider.client.ProtocolErrorException;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.TransactionRolledBackRuntimeException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ExceptionTranslatorTest {

    @Test
    void brokerErrorCodesBecomeTheJmsExceptionTheSpecificationNames() {
        assertThat(translate(ErrorCode.AUTHENTICATION_FAILED)).isInstanceOf(JMSSecurityException.class);
        assertThat(translate(ErrorCode.CLIENT_ID_IN_USE)).isInstanceOf(InvalidClientIDException.class);
        assertThat(translate(ErrorCode.INVALID_CLIENT_ID)).isInstanceOf(InvalidClientIDException.class);
        assertThat(translate(ErrorCode.UNKNOWN_DESTINATION)).isInstanceOf(InvalidDestinationException.class);
        assertThat(translate(ErrorCode.UNKNOWN_SUBSCRIPTION)).isInstanceOf(InvalidDestinationException.class);
        assertThat(translate(ErrorCode.INVALID_SELECTOR)).isInstanceOf(InvalidSelectorException.class);
        assertThat(translate(ErrorCode.SUBSCRIPTION_IN_USE)).isInstanceOf(IllegalStateException.class);
        assertThat(translate(ErrorCode.BATCH_TOO_LARGE)).isInstanceOf(ResourceAllocationException.class);
        assertThat(translate(ErrorCode.FRAME_TOO_LARGE)).isInstanceOf(ResourceAllocationException.class);
        JMSException storage = translate(ErrorCode.STORAGE_ERROR);
        assertThat(storage.getClass()).isEqualTo(JMSException.class);
        assertThat(storage.getErrorCode()).isEqualTo("STORAGE_ERROR");
        assertThat(storage.getMessage()).startsWith("could not send: STORAGE_ERROR");
        assertThat(storage.getLinkedException()).isInstanceOf(ProtocolErrorException.class);
        assertThat(storage.getCause()).isSameAs(storage.getLinkedException());
    }

    @Test
    void aConnectionTheBrokerClosedWithAnErrorSaysWhy() {
        ProtocolErrorException closing = new ProtocolErrorException(ErrorCode.FRAME_TOO_LARGE,
                "frame of 70000 bytes exceeds the maximum frame size (max.frame.bytes) of 65536 bytes");
        JMSException lost = ExceptionTranslator.toJms("send a message to queue://q",
                new ConnectionLostException("connection to the broker was lost", closing));
        assertThat(lost.getErrorCode()).isEqualTo(ExceptionTranslator.CONNECTION_LOST);
        assertThat(lost.getMessage()).isEqualTo("could not send a message to queue://q: the connection to the broker "
                + "is lost (the broker closed it: FRAME_TOO_LARGE: frame of 70000 bytes exceeds the maximum frame "
                + "size (max.frame.bytes) of 65536 bytes)");
    }

    @Test
    void lostConnectionsAndTimeoutsCarryTheirOwnCodes() {
        JMSException lost = ExceptionTranslator.toJms("ack",
                new CompletionException(new ConnectionLostException("gone", null)));
        assertThat(lost.getErrorCode()).isEqualTo(ExceptionTranslator.CONNECTION_LOST);
        JMSException timeout = ExceptionTranslator.toJms("ack", new TimeoutException("ACK request got no response"));
        assertThat(timeout.getErrorCode()).isEqualTo(ExceptionTranslator.TIMEOUT);
        JMSException same = new MessageFormatException("as is");
        assertThat(ExceptionTranslator.toJms("x", same)).isSameAs(same);
    }

    @Test
    void awaitTranslatesAFailedFuture() {
        CompletableFuture<Void> failed = CompletableFuture.failedFuture(
                new ProtocolErrorException(ErrorCode.INVALID_SELECTOR, "bad"));
        assertThatThrownBy(() -> ExceptionTranslator.await(failed, "subscribe"))
                .isInstanceOf(InvalidSelectorException.class).hasMessageContaining("could not subscribe");
    }

    @Test
    void eachJmsExceptionHasItsRuntimeCounterpart() {
        assertThat(ExceptionTranslator.toRuntime(new IllegalStateException("x")))
                .isInstanceOf(IllegalStateRuntimeException.class);
        assertThat(ExceptionTranslator.toRuntime(new InvalidClientIDException("x")))
                .isInstanceOf(InvalidClientIDRuntimeException.class);
        assertThat(ExceptionTranslator.toRuntime(new InvalidDestinationException("x")))
                .isInstanceOf(InvalidDestinationRuntimeException.class);
        assertThat(ExceptionTranslator.toRuntime(new InvalidSelectorException("x")))
                .isInstanceOf(InvalidSelectorRuntimeException.class);
        assertThat(ExceptionTranslator.toRuntime(new JMSSecurityException("x")))
                .isInstanceOf(JMSSecurityRuntimeException.class);
        assertThat(ExceptionTranslator.toRuntime(new MessageFormatException("x")))
                .isInstanceOf(MessageFormatRuntimeException.class);
        assertThat(ExceptionTranslator.toRuntime(new TransactionRolledBackException("x")))
                .isInstanceOf(TransactionRolledBackRuntimeException.class);
        JMSRuntimeException plain = ExceptionTranslator.toRuntime(new JMSException("x", "CODE"));
        assertThat(plain.getClass()).isEqualTo(JMSRuntimeException.class);
        assertThat(plain.getErrorCode()).isEqualTo("CODE");
        assertThat(ExceptionTranslator.rolledBack(new JMSException("refused", "STORAGE_ERROR")))
                .isInstanceOf(TransactionRolledBackException.class).hasMessageContaining("refused");
    }

    private static JMSException translate(ErrorCode code) {
        return ExceptionTranslator.toJms("send", new ProtocolErrorException(code, null));
    }
}
