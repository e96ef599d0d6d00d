package io.logjms.compat.spec;

import jakarta.jms.CompletionListener;
import jakarta.jms.Message;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the outcome of asynchronous sends in the order the provider reports them. */
final class RecordingCompletionListener implements CompletionListener {

    final List<Message> completed = new CopyOnWriteArrayList<>();
    final List<Exception> failures = new CopyOnWriteArrayList<>();

    @Override
    public void onCompletion(Message message) {
        completed.add(message);
    }

    @Override
    public void onException(Message message, Exception exception) {
        failures.add(exception);
    }

    int outcomes() {
        return completed.size() + failures.size();
    }
}
