package io.logjms.broker.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.broker.Broker;
import io.logjms.protocol.ApiKey;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.api.CommitRequest;
import io.logjms.protocol.api.CommitResponse;
import io.logjms.protocol.api.ProduceResponse;
import io.netty.buffer.Unpooled;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Destinations auto-created by {@code PRODUCE} and {@code COMMIT} are created off the network threads
 * (tests run with assertions on, so creating one on an event loop fails them), and a connection's
 * pipelined produce requests are appended in the order they were sent, also those behind a request that
 * waits for its destination.
 */
@Timeout(60)
class AutoCreateOrderIT {
    private static final int ROUNDS = 40;

    @TempDir
    Path dataDir;

    private Broker start() {
        return Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0).build().start();
    }

    @Test
    void pipelinedProducesToNewDestinationsAreAppendedInTheOrderSent() throws Exception {
        DestinationId existing = DestinationId.queue("order.existing");
        List<DestinationId> fresh = List.of(DestinationId.queue("order.new.a"), DestinationId.topic("order.new.b"),
                DestinationId.queue("order.new.c"));
        try (Broker broker = start(); TestClient c = TestClient.connect(broker.port())) {
            c.createDestination(existing, 1);
            List<CompletableFuture<ProduceResponse>> answers = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                // a new destination now and then: every request behind it must wait its turn
                DestinationId d = i % 10 == 0 ? fresh.get((i / 10) % fresh.size()) : existing;
                answers.add(c.produceAsync(d, 0, "r" + i));
                answers.add(c.produceAsync(fresh.get(i % fresh.size()), 0, "r" + i));
            }
            for (CompletableFuture<ProduceResponse> a : answers) {
                a.get(10, TimeUnit.SECONDS);
            }
            assertInSendOrder(c, existing);
            for (DestinationId d : fresh) {
                assertInSendOrder(c, d);
            }
        }
    }

    private static void assertInSendOrder(TestClient c, DestinationId d) throws Exception {
        List<Integer> sent = c.fetchAll(d, 0).stream().flatMap(b -> b.texts().stream())
                .map(t -> Integer.parseInt(t.substring(1))).toList();
        assertThat(sent).as("records of %s", d).isNotEmpty().isSorted();
    }

    /**
     * A produce sent behind the commit waits for the destination the commit creates; it may then be
     * appended before the commit's batch, which the commit thread appends after its transaction log (as for
     * any destination: a commit and a produce come from different sessions, whose sends are not ordered).
     */
    @Test
    void aCommitToANewDestinationCreatesItAndAProduceSentBehindItWaitsForIt() throws Exception {
        DestinationId queue = DestinationId.queue("order.committed");
        try (Broker broker = start(); TestClient c = TestClient.connect(broker.port())) {
            CommitRequest commit = new CommitRequest(List.of(new CommitRequest.Produce(queue, 0,
                    Unpooled.wrappedBuffer(TestClient.textBatch("one", "two")))), List.of());
            CompletableFuture<CommitResponse> committed = c.protocol().request(ApiKey.COMMIT, commit::writeTo,
                    CommitResponse::readFrom);
            CompletableFuture<ProduceResponse> behind = c.produceAsync(queue, 0, "three");
            assertThat(committed.get(10, TimeUnit.SECONDS).produced()).hasSize(1);
            assertThat(behind.get(10, TimeUnit.SECONDS).baseOffset()).isNotNegative();
            assertThat(c.fetchAll(queue, 0)).extracting(TestClient.StoredBatch::texts)
                    .containsExactlyInAnyOrder(List.of("one", "two"), List.of("three"));
        }
    }
}
