package io.logjms.broker.http;

import io.logjms.broker.metrics.BrokerView;
import java.time.Instant;

/** What the console shows of the broker serving it. */
public interface ConsoleSource {
    /** {@code host:port} of the client listener. */
    String brokerId();

    String version();

    /** {@code starting}, {@code serving}, {@code stopping} or {@code stopped}. */
    String state();

    Instant startedAt();

    /** The broker's state, or null while it starts (nothing to show yet). */
    BrokerView view();
}
