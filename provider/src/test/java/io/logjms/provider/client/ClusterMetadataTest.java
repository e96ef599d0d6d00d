package io.logjms.provider.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.MetadataResponse;
import io.logjms.provider.config.BrokerAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterMetadataTest {
    private static final DestinationId ORDERS = DestinationId.topic("orders");
    private final ClusterMetadata metadata = new ClusterMetadata();

    private static MetadataResponse answer(int answering, List<MetadataResponse.Broker> brokers, int... leaderEpoch) {
        List<MetadataResponse.PartitionLeader> leaders = new java.util.ArrayList<>();
        for (int i = 0; i < leaderEpoch.length; i += 2) {
            leaders.add(new MetadataResponse.PartitionLeader(leaderEpoch[i], leaderEpoch[i + 1]));
        }
        return new MetadataResponse(List.of(new MetadataResponse.Entry(ORDERS, ErrorCode.NONE, null, leaders.size(),
                leaders)), answering, brokers);
    }

    private static final List<MetadataResponse.Broker> TWO = List.of(new MetadataResponse.Broker(1, "127.0.0.1", 4001),
            new MetadataResponse.Broker(2, "127.0.0.1", 4002));

    @Test
    void learnsLeadersBrokerAddressesAndTheBootstrapsNode() {
        metadata.learn(answer(1, TWO, 1, 0, 2, 0), true);
        assertThat(metadata.leader(ORDERS, 0)).isEqualTo(1);
        assertThat(metadata.leader(ORDERS, 1)).isEqualTo(2);
        assertThat(metadata.bootstrapNode()).isEqualTo(1);
        assertThat(metadata.address(2)).contains(new BrokerAddress("127.0.0.1", 4002));
    }

    @Test
    void anAnswerThroughAnotherConnectionDoesNotChangeTheBootstrapsNode() {
        metadata.learn(answer(1, TWO, 1, 0), true);
        metadata.learn(answer(2, TWO, 1, 0), false);
        assertThat(metadata.bootstrapNode()).isEqualTo(1);
    }

    @Test
    void aBrokerThatRestartedOnAnotherPortIsFoundAtItsNewAddress() {
        metadata.learn(answer(1, TWO, 2, 0), true);
        metadata.learn(answer(1, List.of(new MetadataResponse.Broker(2, "127.0.0.1", 5002)), 2, 0), true);
        assertThat(metadata.address(2)).contains(new BrokerAddress("127.0.0.1", 5002));
        assertThat(metadata.addresses()).containsExactly(new BrokerAddress("127.0.0.1", 4001),
                new BrokerAddress("127.0.0.1", 5002));
    }

    @Test
    void aLeaderEpochNeverGoesBack() {
        metadata.learn(answer(1, TWO, 2, 5), true);
        metadata.learn(answer(1, TWO, 1, 4), false);
        assertThat(metadata.leader(ORDERS, 0)).as("a broker that has not heard of the change yet").isEqualTo(2);
        metadata.learn(answer(1, TWO, 1, 6), false);
        assertThat(metadata.leader(ORDERS, 0)).isEqualTo(1);
    }

    @Test
    void aBrokerWithoutClusterMetadataLeavesEverythingToTheBootstrap() {
        metadata.learn(new MetadataResponse(List.of(new MetadataResponse.Entry(ORDERS, ErrorCode.NONE, null, 3))), true);
        assertThat(metadata.leader(ORDERS, 0)).isEqualTo(ClusterMetadata.UNKNOWN);
        assertThat(metadata.bootstrapNode()).isEqualTo(MetadataResponse.UNKNOWN_NODE);
    }

    @Test
    void anErrorForgetsTheDestination() {
        metadata.learn(answer(1, TWO, 2, 0), true);
        metadata.learn(new MetadataResponse(List.of(new MetadataResponse.Entry(ORDERS, ErrorCode.UNKNOWN_DESTINATION,
                "deleted", 0)), 1, TWO), true);
        assertThat(metadata.leader(ORDERS, 0)).isEqualTo(ClusterMetadata.UNKNOWN);
        assertThat(metadata.leader(ORDERS, 7)).as("a partition it does not have").isEqualTo(ClusterMetadata.UNKNOWN);
    }

    @Test
    void noLeaderIsToldApartFromUnknown() {
        metadata.learn(answer(1, TWO, -1, 3), true);
        assertThat(metadata.leader(ORDERS, 0)).isEqualTo(ClusterMetadata.NO_LEADER);
    }
}
