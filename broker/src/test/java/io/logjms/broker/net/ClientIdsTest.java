package io.logjms.broker.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.broker.net.handlers.ClientIds;
import io.logjms.protocol.ErrorCode;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A standalone broker's client ids: one connection each, released when it closes; origins do not share them. */
@Timeout(10)
class ClientIdsTest {
    private final ClientIds ids = new ClientIds();

    private static ClientConnection connection(String origin) {
        ClientConnection c = new ClientConnection(new EmbeddedChannel());
        c.presentOrigin(origin);
        return c;
    }

    private static ErrorCode refusal(CompletableFuture<Void> claim) {
        assertThat(claim).isCompletedExceptionally();
        return claim.handle((v, e) -> ((RequestException) e).error()).join();
    }

    @Test
    void aClientIdIsHeldByOneConnectionUntilItCloses() {
        ClientConnection first = connection(null);
        ClientConnection second = connection(null);

        assertThat(ids.claim(first, "app")).isCompleted();
        assertThat(ids.claim(first, "app")).as("the holder again").isCompleted();
        assertThat(refusal(ids.claim(second, "app"))).isEqualTo(ErrorCode.CLIENT_ID_IN_USE);

        first.close();
        assertThat(ids.claim(second, "app")).isCompleted();
    }

    @Test
    void onAStandaloneBrokerConnectionsPresentingOneOriginDoNotShareAClientId() {
        ClientConnection first = connection(null);
        ClientConnection reconnected = connection(first.connectionId());

        assertThat(ids.claim(first, "app")).isCompleted();
        assertThat(refusal(ids.claim(reconnected, "app"))).isEqualTo(ErrorCode.CLIENT_ID_IN_USE);
    }

    @Test
    void anEmptyClientIdIsRefused() {
        assertThat(refusal(ids.claim(connection(null), ""))).isEqualTo(ErrorCode.INVALID_CLIENT_ID);
    }
}
