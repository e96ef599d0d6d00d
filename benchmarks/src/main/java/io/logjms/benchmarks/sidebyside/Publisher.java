package io.logjms.benchmarks.sidebyside;

/** Sends persistent messages to one destination. Used by one thread; callbacks may come from others. */
public interface Publisher extends AutoCloseable {
    /** Sends and returns once the system has acknowledged the message as stored. */
    void send(byte[] payload) throws Exception;

    /**
     * Sends without waiting; {@code callback} runs once the system acknowledged or refused the message.
     * May block when the client's own send buffer is full.
     */
    void sendAsync(byte[] payload, SendCallback callback) throws Exception;

    @Override
    void close() throws ClientException;

    /** Told how an asynchronous send ended. */
    @FunctionalInterface
    interface SendCallback {
        /** {@code error} is null when the message was acknowledged. */
        void completed(Throwable error);
    }
}
