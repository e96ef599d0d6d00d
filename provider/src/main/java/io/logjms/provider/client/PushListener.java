package io.logjms.provider.client;

import io.logjms.protocol.Frame;

/** Receives what the broker sends without being asked, and the end of the connection. */
public interface PushListener {
    /** Called on the connection's I/O thread; the frame is released after this returns. */
    void onPush(Frame frame);

    /** Called once when the connection closes; {@code cause} is null after a local close. */
    void onClosed(Throwable cause);

    PushListener NONE = new PushListener() {
        @Override
        public void onPush(Frame frame) {
        }

        @Override
        public void onClosed(Throwable cause) {
        }
    };
}
