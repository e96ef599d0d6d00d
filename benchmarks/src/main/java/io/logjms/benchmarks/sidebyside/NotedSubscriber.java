package io.logjms.benchmarks.sidebyside;

import java.time.Duration;

/** A subscriber whose figures carry a note saying how it was made. */
final class NotedSubscriber implements Subscriber {
    private final Subscriber delegate;
    private final String note;

    NotedSubscriber(Subscriber delegate, String note) {
        this.delegate = delegate;
        this.note = note;
    }

    @Override
    public void awaitReady(Duration timeout) throws Exception {
        delegate.awaitReady(timeout);
    }

    @Override
    public boolean receive(Duration timeout) throws Exception {
        return delegate.receive(timeout);
    }

    @Override
    public long stampOfLast() throws Exception {
        return delegate.stampOfLast();
    }

    @Override
    public boolean ended() {
        return delegate.ended();
    }

    @Override
    public String note() {
        return note;
    }

    @Override
    public void close() throws ClientException {
        delegate.close();
    }
}
