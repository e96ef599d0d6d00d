package io.logjms.provider.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    @Test
    void theFirstAttemptGoesAtOnceThenPausesDoubleUpToTwoSeconds() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofSeconds(60));
        List<Long> pauses = new ArrayList<>();
        for (int attempt = 0; attempt < 9; attempt++) {
            pauses.add(backoff.pauseBefore(attempt));
        }
        assertThat(pauses).containsExactly(0L, 100L, 200L, 400L, 800L, 1600L, 2000L, 2000L, 2000L);
        assertThat(backoff.pauseBefore(1000)).isEqualTo(2000L);
    }

    @Test
    void aPauseEndsAtTheDeadlineAndNoAttemptStartsAfterIt() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(1000));
        assertThat(backoff.next(0, 0)).isZero();
        assertThat(backoff.next(4, 500)).isEqualTo(500);
        assertThat(backoff.next(4, 950)).isEqualTo(50);
        assertThat(backoff.next(1, 1000)).isEqualTo(-1);
        assertThat(backoff.next(0, 1001)).isEqualTo(-1);
    }
}
