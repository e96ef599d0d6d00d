package io.logjms.ra;

import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
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
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageNotWriteableRuntimeException;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.TransactionRolledBackRuntimeException;

/** The simplified API's view of a {@link JMSException}: the matching {@link JMSRuntimeException} subclass. */
final class JmsRuntime {

    private JmsRuntime() {
    }

    interface JmsCall<T> {
        T call() throws JMSException;
    }

    interface JmsRun {
        void run() throws JMSException;
    }

    static <T> T call(JmsCall<T> call) {
        try {
            return call.call();
        } catch (JMSException e) {
            throw convert(e);
        }
    }

    static void run(JmsRun run) {
        try {
            run.run();
        } catch (JMSException e) {
            throw convert(e);
        }
    }

    static JMSRuntimeException convert(JMSException e) {
        String message = e.getMessage();
        String code = e.getErrorCode();
        JMSRuntimeException converted;
        if (e instanceof IllegalStateException) {
            converted = new IllegalStateRuntimeException(message, code, e);
        } else if (e instanceof InvalidDestinationException) {
            converted = new InvalidDestinationRuntimeException(message, code, e);
        } else if (e instanceof InvalidSelectorException) {
            converted = new InvalidSelectorRuntimeException(message, code, e);
        } else if (e instanceof JMSSecurityException) {
            converted = new JMSSecurityRuntimeException(message, code, e);
        } else if (e instanceof MessageFormatException) {
            converted = new MessageFormatRuntimeException(message, code, e);
        } else if (e instanceof MessageNotWriteableException) {
            converted = new MessageNotWriteableRuntimeException(message, code, e);
        } else if (e instanceof TransactionInProgressException) {
            converted = new TransactionInProgressRuntimeException(message, code, e);
        } else if (e instanceof TransactionRolledBackException) {
            converted = new TransactionRolledBackRuntimeException(message, code, e);
        } else {
            converted = new JMSRuntimeException(message, code, e);
        }
        return converted;
    }
}
