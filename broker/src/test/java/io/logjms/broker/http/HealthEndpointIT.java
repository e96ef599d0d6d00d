package io.logjms.broker.http;

import static io.logjms.broker.http.HttpClientSupport.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.logjms.broker.Broker;
import io.logjms.broker.log.FaultyFileChannel;
import io.logjms.broker.log.FileChannelOpener;
import io.logjms.broker.net.TestClient;
import io.logjms.protocol.DestinationId;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /health} through a broker's life: starting, serving, a partition offline, stopping. */
@Timeout(60)
class HealthEndpointIT {
    private static final DestinationId ORDERS = DestinationId.queue("orders");
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dataDir;
    Broker broker;
    private final CountDownLatch gate = new CountDownLatch(1);
    private final AtomicBoolean holdLogOpens = new AtomicBoolean();
    private final AtomicBoolean holdForces = new AtomicBoolean();
    private final AtomicBoolean failWrites = new AtomicBoolean();

    @AfterEach
    void stop() {
        gate.countDown();
        if (broker != null) {
            broker.close();
        }
    }

    /** Log files that can be held at open or force until {@link #gate} opens, or fail their writes. */
    private FileChannelOpener disk() {
        return (path, options) -> {
            boolean isLog = path.getFileName().toString().endsWith(".log");
            if (isLog && holdLogOpens.get()) {
                pass(gate);
            }
            return new FaultyFileChannel(FileChannelOpener.DEFAULT.open(path, options), () -> {
                if (isLog && failWrites.get()) {
                    throw new IOException("injected: No space left on device");
                }
            }, () -> {
                if (holdForces.get()) {
                    pass(gate);
                }
            });
        };
    }

    private static void pass(CountDownLatch latch) throws IOException {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IOException("test gate not opened within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted at the test gate");
        }
    }

    private Broker.Builder builder() {
        return Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0).httpPort(0).fileChannelOpener(disk());
    }

    private static void assertHealth(int port, int status, String state) throws Exception {
        HttpClientSupport.Response response = get(port, "/health");
        assertThat(response.status()).as("status of /health: %s", response.body()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/json; charset=utf-8");
        assertThat(response.body()).containsPattern("\"status\"\\s*:\\s*\"" + (status == 200 ? "UP" : "DOWN") + "\"")
                .containsPattern("\"state\"\\s*:\\s*\"" + state + "\"");
    }

    @Test
    void unavailableWhileTheLogsRecoverThenHealthy() throws Exception {
        broker = builder().build().start();
        try (TestClient c = TestClient.connect(broker.port())) {
            c.produce(ORDERS, 0, "kept");
        }
        broker.close();

        holdLogOpens.set(true);
        broker = builder().build();
        CompletableFuture<Broker> started = CompletableFuture.supplyAsync(broker::start);
        await().atMost(WAIT).until(() -> broker.httpPort() > 0);
        int http = broker.httpPort();

        assertHealth(http, 503, "starting");
        assertThat(get(http, "/api/destinations").body()).as("nothing to show yet").doesNotContain("orders");

        gate.countDown();
        started.get(30, TimeUnit.SECONDS);
        assertHealth(http, 200, "serving");
        assertThat(get(http, "/api/destinations").body()).contains("\"orders\"");
    }

    @Test
    void unavailableWithAPartitionOfflineWhichItNames() throws Exception {
        broker = builder().build().start();
        int http = broker.httpPort();
        try (TestClient c = TestClient.connect(broker.port())) {
            c.produce(ORDERS, 0, "a");
            assertHealth(http, 200, "serving");
            failWrites.set(true);
            assertThatThrownBy(() -> c.produce(ORDERS, 0, "b")).hasMessageContaining("No space left on device");
        }

        assertHealth(http, 503, "serving");
        assertThat(get(http, "/health").body()).contains("\"queue.orders-0\"");
    }

    @Test
    void unavailableWhileStoppingThenGone() throws Exception {
        broker = builder().build().start();
        int http = broker.httpPort();
        try (TestClient c = TestClient.connect(broker.port())) {
            c.produce(ORDERS, 0, "a");
        }
        holdForces.set(true);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(broker::close);

        await().atMost(WAIT).untilAsserted(() -> assertHealth(http, 503, "stopping"));
        gate.countDown();
        closing.get(30, TimeUnit.SECONDS);
        assertThatThrownBy(() -> get(http, "/health")).as("the HTTP port closes last").isInstanceOf(ConnectException.class);
    }
}
