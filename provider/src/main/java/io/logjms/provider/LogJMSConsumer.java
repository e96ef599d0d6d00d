package io.logjms.provider;

import jakarta.jms.JMSConsumer;
import java.time.Instant;
import java.util.Map;

/**
 * The simplified API's {@link JMSConsumer} with the log operations of {@link LogMessageConsumer}; every
 * {@code JMSConsumer} a logjms {@code JMSContext} returns implements it. The methods behave as their
 * {@link LogMessageConsumer} counterparts and throw {@link jakarta.jms.JMSRuntimeException} instead of
 * {@link jakarta.jms.JMSException}.
 */
public interface LogJMSConsumer extends JMSConsumer {

    /** @see LogMessageConsumer#seekToBeginning() */
    void seekToBeginning();

    /** @see LogMessageConsumer#seekToEnd() */
    void seekToEnd();

    /** @see LogMessageConsumer#seekToTime(Instant) */
    void seekToTime(Instant time);

    /** @see LogMessageConsumer#seek(int, long) */
    void seek(int partition, long offset);

    /** @see LogMessageConsumer#positions() */
    Map<Integer, Long> positions();
}
