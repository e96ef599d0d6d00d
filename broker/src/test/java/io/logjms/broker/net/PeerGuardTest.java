package io.logjms.broker.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.protocol.ApiKey;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.Frame;
import io.logjms.protocol.FrameKind;
import io.logjms.protocol.FrameLayout;
import io.logjms.protocol.api.ResponseHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Which requests only the brokers of a cluster may send, and who may send them: with cluster credentials, only a
 * connection authenticated with them (not anonymous, not an ordinary user, not an admin); without, everyone, as
 * before. Other requests always go on to the next guard (the ACL).
 */
@Timeout(10)
class PeerGuardTest {
    /** Requests clients send (some only to one broker, some pushed or one-way); none of them is broker-to-broker. */
    private static final Set<ApiKey> CLIENT_REQUESTS = EnumSet.of(ApiKey.HANDSHAKE, ApiKey.METADATA,
            ApiKey.CREATE_DESTINATION, ApiKey.DESCRIBE_DESTINATION, ApiKey.DELETE_DESTINATION, ApiKey.PRODUCE,
            ApiKey.FETCH, ApiKey.SUBSCRIBE, ApiKey.CREDIT, ApiKey.DELIVER, ApiKey.UNSUBSCRIBE, ApiKey.SUBSCRIPTION_CLOSED,
            ApiKey.SET_CLIENT_ID, ApiKey.ACK, ApiKey.RELEASE, ApiKey.COMMIT, ApiKey.BROWSE, ApiKey.DELETE_SUBSCRIPTION,
            ApiKey.SEEK, ApiKey.POSITIONS, ApiKey.LIST_SUBSCRIPTIONS, ApiKey.DESCRIBE_SUBSCRIPTION,
            ApiKey.RESET_SUBSCRIPTION, ApiKey.ALTER_DESTINATION, ApiKey.CLOSE, ApiKey.PING, ApiKey.INIT_PRODUCER,
            ApiKey.CLUSTER_DESCRIBE, ApiKey.XA_START, ApiKey.XA_END, ApiKey.XA_PREPARE, ApiKey.XA_COMMIT,
            ApiKey.XA_ROLLBACK, ApiKey.XA_RECOVER, ApiKey.XA_FORGET, ApiKey.SUBSCRIPTION_PARTITIONS,
            ApiKey.PARTITIONS_LOST, ApiKey.TXN_COMMIT, ApiKey.TXN_ACK_TARGETS);

    private final List<ApiKey> passedOn = new ArrayList<>();
    private final RequestGuard next = (connection, request) -> passedOn.add(request.apiKey());

    @Test
    void theBrokerToBrokerRequestsAreReplicationClusterAdminAndTransactionApply() {
        assertThat(PeerGuard.PEER_ONLY).containsExactlyInAnyOrder(ApiKey.REPLICA_FETCH, ApiKey.EPOCH_PROMISE,
                ApiKey.PEER_LIST_SUBSCRIPTIONS, ApiKey.PEER_DESCRIBE_SUBSCRIPTION, ApiKey.PEER_RESET_SUBSCRIPTION,
                ApiKey.TXN_APPLY, ApiKey.TXN_RESOLVE);
        assertThat(PeerGuard.peerOnly(ApiKey.TXN_COMMIT)).as("a client commits to the coordinator").isFalse();
        assertThat(PeerGuard.peerOnly(ApiKey.TXN_ACK_TARGETS)).as("a client names its attachments").isFalse();
        assertThat(PeerGuard.peerOnly(null)).as("an api key this version does not know").isFalse();
    }

    @Test
    void everyApiKeyIsEitherAClientRequestOrABrokerToBrokerOne() {
        for (ApiKey api : ApiKey.values()) {
            assertThat(CLIENT_REQUESTS.contains(api) || PeerGuard.PEER_ONLY.contains(api))
                    .as("%s is new: add it to PeerGuard.PEER_ONLY if only brokers send it to each other, else to "
                            + "CLIENT_REQUESTS here", api).isTrue();
            assertThat(CLIENT_REQUESTS.contains(api) && PeerGuard.PEER_ONLY.contains(api))
                    .as("%s in both lists", api).isFalse();
        }
    }

    @Test
    void withClusterCredentialsOrdinaryUsersAdminsAndAnonymousConnectionsAreRefusedEveryBrokerToBrokerRequest() {
        PeerGuard guard = new PeerGuard(true, next);
        for (ApiKey api : PeerGuard.PEER_ONLY) {
            for (String user : new String[] {"alice", "admin", null}) {
                ClientConnection connection = connection(user, false);

                assertThat(guard.admit(connection, request(api))).as("%s from %s", api, user).isFalse();

                ResponseHeader answer = answer(connection);
                assertThat(answer.error()).isEqualTo(ErrorCode.NOT_AUTHORIZED);
                assertThat(answer.message()).contains(api.name(), "broker-to-broker request", "cluster.user")
                        .contains(user == null ? "an anonymous connection" : "user '" + user + "'");
            }
        }
        assertThat(passedOn).as("the ACL is not even asked").isEmpty();
    }

    @Test
    void withClusterCredentialsAClusterPeerSendsBrokerToBrokerRequestsWithoutAnAclRule() {
        PeerGuard guard = new PeerGuard(true, (connection, request) -> false);
        ClientConnection peer = connection("logjms-cluster", true);

        for (ApiKey api : PeerGuard.PEER_ONLY) {
            assertThat(guard.admit(peer, request(api))).as("%s from a peer", api).isTrue();
        }
        assertThat((Object) ((EmbeddedChannel) peer.channel()).readOutbound()).as("nothing answered by the guard")
                .isNull();
        assertThat(guard.admit(peer, request(ApiKey.PRODUCE))).as("a client request of a peer: the ACL decides")
                .isFalse();
    }

    @Test
    void clientRequestsGoToTheNextGuardWhoeverSendsThem() {
        PeerGuard guard = new PeerGuard(true, next);

        guard.admit(connection("alice", false), request(ApiKey.METADATA));
        guard.admit(connection(null, false), request(ApiKey.TXN_COMMIT));
        guard.admit(connection("logjms-cluster", true), request(ApiKey.FETCH));

        assertThat(passedOn).containsExactly(ApiKey.METADATA, ApiKey.TXN_COMMIT, ApiKey.FETCH);
    }

    @Test
    void withoutClusterCredentialsEveryRequestGoesToTheNextGuardAsBefore() {
        PeerGuard guard = new PeerGuard(false, next);

        guard.admit(connection(null, false), request(ApiKey.REPLICA_FETCH));
        guard.admit(connection("alice", false), request(ApiKey.TXN_APPLY));

        assertThat(passedOn).containsExactly(ApiKey.REPLICA_FETCH, ApiKey.TXN_APPLY);
    }

    private static ClientConnection connection(String user, boolean clusterPeer) {
        ClientConnection connection = new ClientConnection(new EmbeddedChannel());
        connection.completeHandshake(null, user, clusterPeer);
        return connection;
    }

    private static Frame request(ApiKey api) {
        return new Frame(api.id(), FrameKind.REQUEST, 7, Unpooled.EMPTY_BUFFER);
    }

    private static ResponseHeader answer(ClientConnection connection) {
        ByteBuf frame = ((EmbeddedChannel) connection.channel()).readOutbound();
        assertThat(frame).as("an answer").isNotNull();
        try {
            assertThat(frame.getShort(FrameLayout.API_KEY_OFFSET)).isNotZero();
            return ResponseHeader.readFrom(frame.skipBytes(FrameLayout.BODY_OFFSET));
        } finally {
            frame.release();
        }
    }
}
