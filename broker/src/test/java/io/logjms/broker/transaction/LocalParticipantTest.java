package io.logjms.broker.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.broker.config.BrokerConfig;
import io.logjms.broker.destination.DestinationManager;
import io.logjms.broker.destination.PartitionAppender;
import io.logjms.broker.log.LogManager;
import io.logjms.broker.log.OutOfOrderSequenceException;
import io.logjms.broker.metadata.InMemoryMetadataStore;
import io.logjms.broker.subscription.SubscriptionManager;
import io.logjms.broker.subscription.SubscriptionSettings;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.api.ProduceResponse;
import io.logjms.protocol.record.RecordBatchBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A participant's share applied on real partitions: checked without writing, applied once however often sent. */
@Timeout(30)
class LocalParticipantTest {
    private static final DestinationId OUT = DestinationId.queue("out");

    @TempDir
    Path dataDir;
    private InMemoryMetadataStore metadata;
    private LogManager logs;
    private DestinationManager destinations;
    private PartitionAppender appender;
    private SubscriptionManager subscriptions;
    private LocalParticipant participant;

    @BeforeEach
    void open() throws Exception {
        BrokerConfig config = BrokerConfig.defaults();
        metadata = new InMemoryMetadataStore();
        logs = new LogManager(dataDir.resolve("logs"), io.logjms.broker.destination.LogConfigs.broker(config),
                Clock.systemUTC());
        logs.startup();
        destinations = new DestinationManager(metadata, logs, config);
        destinations.startup();
        destinations.create(OUT, 1, Map.of());
        appender = new PartitionAppender(1);
        subscriptions = new SubscriptionManager(dataDir.resolve("subscriptions"), metadata, destinations,
                new SubscriptionSettings(10, (record, from, count) -> { }, true), 0, 0, Clock.systemUTC());
        participant = new LocalParticipant(destinations, appender, subscriptions);
    }

    @AfterEach
    void close() throws Exception {
        subscriptions.close();
        appender.close();
        logs.close();
        metadata.close();
    }

    private static TxnPart share(int sequence) {
        return new TxnPart(List.of(new TxnPart.Produce(OUT, 0, new RecordBatchBuilder().producer(77, (short) 0, sequence)
                .append(1L, null, null, ("r" + sequence).getBytes(StandardCharsets.UTF_8)).build())), List.of());
    }

    private List<ProduceResponse> apply(TxnPart part) throws Exception {
        return participant.apply(part).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aShareAppliedAgainIsKeptOnceWithTheSameOffsets() throws Exception {
        participant.check(new io.logjms.protocol.api.TransactionId(1, 1), share(0));
        List<ProduceResponse> first = apply(share(0));
        List<ProduceResponse> again = apply(share(0));

        assertThat(again).extracting(ProduceResponse::baseOffset, ProduceResponse::lastOffset)
                .isEqualTo(first.stream().map(r -> org.assertj.core.groups.Tuple.tuple(r.baseOffset(), r.lastOffset()))
                        .toList());
        assertThat(apply(share(1)).get(0).baseOffset()).isEqualTo(first.get(0).lastOffset() + 1);
        assertThat(destinations.get(OUT).partition(0).logEndOffset()).isEqualTo(2);
    }

    @Test
    void aShareAppliedLongBeforeIsRecognisedByItsSequenceAndNotAppendedAgain() throws Exception {
        for (int sequence = 0; sequence < 12; sequence++) {
            apply(share(sequence));
        }
        List<ProduceResponse> again = apply(share(0));

        assertThat(again).containsExactly(new ProduceResponse(-1, -1, -1));
        assertThat(destinations.get(OUT).partition(0).logEndOffset()).isEqualTo(12);
    }

    @Test
    void aCheckRefusesASequenceThatDoesNotFollowAndWritesNothing() throws Exception {
        apply(share(0));
        assertThatThrownBy(() -> participant.check(new io.logjms.protocol.api.TransactionId(1, 2), share(2))).isInstanceOf(OutOfOrderSequenceException.class);
        assertThat(destinations.get(OUT).partition(0).logEndOffset()).isEqualTo(1);
    }
}
