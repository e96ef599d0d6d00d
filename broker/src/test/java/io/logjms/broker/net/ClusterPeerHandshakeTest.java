package io.logjms.broker.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.broker.net.handlers.ClientIds;
import io.logjms.broker.net.handlers.HandshakeHandler;
import io.logjms.broker.security.ClusterCredentials;
import io.logjms.protocol.ApiKey;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.Frame;
import io.logjms.protocol.FrameKind;
import io.logjms.protocol.FrameLayout;
import io.logjms.protocol.ProtocolVersion;
import io.logjms.protocol.api.HandshakeRequest;
import io.logjms.protocol.api.ResponseHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A handshake with the cluster credentials makes a cluster peer; the cluster's user name is checked against the
 * cluster password only, even where any user name and password would do (no users file).
 */
@Timeout(10)
class ClusterPeerHandshakeTest {
    private static final ClusterCredentials CLUSTER = new ClusterCredentials("logjms-cluster", "cluster-secret");
    /** No users file: every named user gets in with any password. */
    private final HandshakeHandler handshake = new HandshakeHandler("b1", 1 << 20, 1 << 20,
            (user, password) -> user != null, new ClientIds(), CLUSTER);

    @Test
    void theClusterCredentialsMakeAClusterPeer() {
        ClientConnection connection = handshake("logjms-cluster", "cluster-secret");

        assertThat(answer(connection).error()).isEqualTo(ErrorCode.NONE);
        assertThat(connection.handshakeDone()).isTrue();
        assertThat(connection.clusterPeer()).isTrue();
        assertThat(connection.user()).isEqualTo("logjms-cluster");
    }

    @Test
    void theClusterUserWithAWrongOrNoPasswordIsRefusedWhereAnyOtherUserWouldGetIn() {
        for (String password : new String[] {"guess", "", null}) {
            ClientConnection connection = handshake("logjms-cluster", password);

            ResponseHeader answer = answer(connection);
            assertThat(answer.error()).as("password %s", password).isEqualTo(ErrorCode.AUTHENTICATION_FAILED);
            assertThat(answer.message()).isEqualTo("wrong user name or password");
            assertThat(connection.handshakeDone()).isFalse();
        }
    }

    @Test
    void anyOtherUserIsNoClusterPeer() {
        ClientConnection connection = handshake("alice", "cluster-secret");

        assertThat(answer(connection).error()).isEqualTo(ErrorCode.NONE);
        assertThat(connection.clusterPeer()).isFalse();
    }

    @Test
    void theCredentialsNeverShowThePassword() {
        assertThat(CLUSTER.toString()).contains("logjms-cluster").doesNotContain("cluster-secret");
        assertThat(CLUSTER.passwordMatches("cluster-secret")).isTrue();
        assertThat(CLUSTER.passwordMatches("cluster-secreT")).isFalse();
        assertThat(CLUSTER.passwordMatches(null)).isFalse();
    }

    private ClientConnection handshake(String user, String password) {
        ClientConnection connection = new ClientConnection(new EmbeddedChannel());
        ByteBuf body = Unpooled.buffer();
        new HandshakeRequest(ProtocolVersion.MIN, ProtocolVersion.MAX, null, user, password, "test").writeTo(body);
        handshake.handle(connection, new Frame(ApiKey.HANDSHAKE.id(), FrameKind.REQUEST, 1, body));
        return connection;
    }

    private static ResponseHeader answer(ClientConnection connection) {
        ByteBuf frame = ((EmbeddedChannel) connection.channel()).readOutbound();
        assertThat(frame).as("an answer").isNotNull();
        try {
            return ResponseHeader.readFrom(frame.skipBytes(FrameLayout.BODY_OFFSET));
        } finally {
            frame.release();
        }
    }
}
