package io.logjms.provider.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CompletionSequencerTest {

    @Test
    void callbacksRunInSendOrderWhateverOrderSendsFinishIn() throws Exception {
        List<Runnable> executed = new ArrayList<>();
        CompletionSequencer sequencer = new CompletionSequencer(executed::add);
        List<String> calls = new ArrayList<>();
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> second = new CompletableFuture<>();
        CompletableFuture<Void> third = new CompletableFuture<>();
        sequencer.add(first, e -> calls.add("first " + (e == null ? "ok" : e.getMessage())));
        sequencer.add(second, e -> calls.add("second " + (e == null ? "ok" : e.getMessage())));
        sequencer.add(third, e -> calls.add("third " + (e == null ? "ok" : e.getMessage())));
        third.complete(null);
        second.completeExceptionally(new IllegalStateException("refused"));
        assertThat(executed).isEmpty();
        assertThat(sequencer.isIdle()).isFalse();
        first.complete(null);
        executed.forEach(Runnable::run);
        assertThat(calls).containsExactly("first ok", "second refused", "third ok");
        assertThat(sequencer.isIdle()).isTrue();
        assertThat(sequencer.awaitIdle(1, TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    void awaitIdleTimesOutWhileASendIsPending() throws Exception {
        CompletionSequencer sequencer = new CompletionSequencer(Runnable::run);
        sequencer.add(new CompletableFuture<>(), e -> { });
        assertThat(sequencer.awaitIdle(10, TimeUnit.MILLISECONDS)).isFalse();
    }
}
