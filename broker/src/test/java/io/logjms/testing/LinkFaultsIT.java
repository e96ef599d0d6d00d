package io.logjms.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.broker.net.RawConnection;
import io.logjms.protocol.ApiKey;
import io.logjms.protocol.FrameKind;
import io.logjms.provider.LogJmsConnectionFactory;
import io.logjms.provider.client.ProtocolClient;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each fault of {@link LinkFaults} (and so of {@link LinkProxy}) on plain sockets standing for the nodes: a
 * "server" on a node's bind host behind its proxy, a "peer" socket bound to another node's bind host, as the
 * brokers' own sockets will be. The last test routes a real broker (standalone today) through the proxies.
 */
@Timeout(60)
class LinkFaultsIT {
    /** How long a test watches for bytes that must not arrive. */
    private static final int SILENCE_MS = 400;
    private static final int READ_MS = 5000;

    @RegisterExtension
    final TestClusterExtension clusters = new TestClusterExtension();

    private final LinkFaults links = new LinkFaults().node(1).node(2).node(3);
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        links.close();
    }

    /** A listening socket on node {@code id}'s bind host, exposed through its proxy. */
    private ServerSocket serverOn(int id) throws IOException {
        ServerSocket server = new ServerSocket(0, 10, InetAddress.getByName(LinkFaults.bindHost(id)));
        server.setSoTimeout(READ_MS);
        toClose.add(server);
        links.expose(id, server.getLocalPort());
        return server;
    }

    /** Both ends of a connection node {@code from} opens to {@code server} (on node {@code to}) via the proxy. */
    private Socket[] connect(int from, int to, ServerSocket server) throws IOException {
        Socket client = new Socket();
        toClose.add(client);
        client.bind(new InetSocketAddress(LinkFaults.bindHost(from), 0));
        client.connect(new InetSocketAddress(LinkFaults.advertisedHost(to), server.getLocalPort()), READ_MS);
        client.setSoTimeout(READ_MS);
        Socket accepted = server.accept();
        toClose.add(accepted);
        accepted.setSoTimeout(READ_MS);
        return new Socket[] {client, accepted};
    }

    private static void write(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
    }

    private static String read(Socket s, int length) throws IOException {
        byte[] bytes = new byte[length];
        new DataInputStream(s.getInputStream()).readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** True if nothing at all arrives on {@code s} for {@link #SILENCE_MS}. */
    private static boolean silent(Socket s) throws IOException {
        s.setSoTimeout(SILENCE_MS);
        try {
            s.getInputStream().read(); // a byte or the end: not silent
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            s.setSoTimeout(READ_MS);
        }
    }

    /** True once {@code s} reads its end (or a reset) within {@link #READ_MS}. */
    private static boolean closedByPeer(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        try {
            while (in.read() >= 0) {
                // skip what was still on its way
            }
            return true;
        } catch (SocketException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    private static void assertPasses(Socket from, Socket to, String text) throws IOException {
        write(from, text);
        assertThat(read(to, text.length())).isEqualTo(text);
    }

    @Test
    void passesBytesBothWaysAndTheTargetSeesThePeersOwnHost() throws Exception {
        Socket[] c = connect(1, 2, serverOn(2));
        assertThat(c[1].getInetAddress().getHostAddress()).isEqualTo(LinkFaults.bindHost(1));
        assertPasses(c[0], c[1], "to node 2");
        assertPasses(c[1], c[0], "to node 1");
    }

    @Test
    void aOneWayBlackholeDropsOnlyThatDirectionWhicheverNodeConnected() throws Exception {
        Socket[] opened1 = connect(1, 2, serverOn(2));
        Socket[] opened2 = connect(2, 1, serverOn(1));
        links.blackhole(1, 2);

        write(opened1[0], "lost");
        assertThat(silent(opened1[1])).as("1 -> 2 on the connection node 1 opened").isTrue();
        assertPasses(opened1[1], opened1[0], "2 -> 1 passes");
        write(opened2[1], "lost");
        assertThat(silent(opened2[0])).as("1 -> 2 on the connection node 2 opened").isTrue();
        assertPasses(opened2[0], opened2[1], "2 -> 1 passes");
        assertThat(links.proxy(2, opened1[1].getLocalPort()).discardedBytes()).isEqualTo(4);
    }

    @Test
    void isolatingANodeCutsItOffFromEveryOtherNodeButNotFromClientsNorTheOthersFromEachOther() throws Exception {
        ServerSocket on2 = serverOn(2);
        Socket[] from1 = connect(1, 2, on2);
        Socket[] from3 = connect(3, 2, on2);
        Socket[] oneToThree = connect(1, 3, serverOn(3));
        links.isolate(2);

        for (Socket[] c : List.of(from1, from3)) {
            write(c[0], "x");
            write(c[1], "y");
            assertThat(silent(c[1])).isTrue();
            assertThat(silent(c[0])).isTrue();
        }
        assertPasses(oneToThree[0], oneToThree[1], "1 -> 3");
        assertPasses(oneToThree[1], oneToThree[0], "3 -> 1");
        Socket client = new Socket(LinkFaults.advertisedHost(2), on2.getLocalPort()); // from 127.0.0.1
        toClose.add(client);
        Socket accepted = on2.accept();
        toClose.add(accepted);
        accepted.setSoTimeout(READ_MS);
        client.setSoTimeout(READ_MS);
        assertPasses(client, accepted, "a client reaches it");
        assertPasses(accepted, client, "and hears from it");
    }

    @Test
    void restoreCutsTheConnectionsThatLostBytesKeepsTheOthersAndNewOnesPass() throws Exception {
        ServerSocket on2 = serverOn(2);
        Socket[] damaged = connect(1, 2, on2);
        Socket[] intact = connect(3, 2, on2);
        links.blackhole(1, 2);
        write(damaged[0], "gap");
        assertThat(silent(damaged[1])).isTrue();

        links.restore();
        assertThat(closedByPeer(damaged[0])).as("the peer of a stream with a gap sees it end").isTrue();
        assertThat(closedByPeer(damaged[1])).isTrue();
        assertPasses(intact[0], intact[1], "still open");
        Socket[] fresh = connect(1, 2, on2);
        assertPasses(fresh[0], fresh[1], "1 -> 2 again");
        assertPasses(fresh[1], fresh[0], "2 -> 1 again");
    }

    @Test
    void aDelayHoldsEachByteBackInOrderOnlyInItsDirection() throws Exception {
        Socket[] c = connect(1, 2, serverOn(2));
        Duration delay = Duration.ofMillis(300);
        links.delay(1, 2, delay);

        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            write(c[0], Integer.toString(i));
        }
        assertThat(read(c[1], 10)).isEqualTo("0123456789");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(delay);
        assertPasses(c[1], c[0], "back without delay");
        links.restore();
        assertPasses(c[0], c[1], "undelayed");
    }

    @Test
    void cutClosesTheOpenConnectionsBetweenTwoNodesAndTheyMayReconnect() throws Exception {
        ServerSocket on2 = serverOn(2);
        Socket[] c12 = connect(1, 2, on2);
        Socket[] c32 = connect(3, 2, on2);
        links.cut(1, 2);
        assertThat(closedByPeer(c12[0])).isTrue();
        assertThat(closedByPeer(c12[1])).isTrue();
        assertPasses(c32[0], c32[1], "another node's connection stays");
        Socket[] again = connect(1, 2, on2);
        assertPasses(again[0], again[1], "reconnected");
    }

    @Test
    void aBrokerIsReachedThroughItsProxyAndAFaultOnANodeLinkLeavesItsClientsAlone(@TempDir Path dir)
            throws Exception {
        TestCluster cluster = clusters.start(TestCluster.builder(dir, 2).standalone().throughLinkProxies());
        assertThat(cluster.node(1).address()).isEqualTo(LinkFaults.advertisedHost(1) + ":" + cluster.node(1).port());
        assertThat(roundTrip(cluster.bootstrapUrl(), "through the proxies")).isEqualTo("through the proxies");
        Socket asNode2 = new Socket();
        toClose.add(asNode2);
        asNode2.bind(new InetSocketAddress(LinkFaults.bindHost(2), 0));
        asNode2.connect(new InetSocketAddress(LinkFaults.advertisedHost(1), cluster.node(1).port()), READ_MS);
        asNode2.setSoTimeout(READ_MS);

        cluster.links().blackhole(2, 1);
        asNode2.getOutputStream().write(handshake());
        assertThat(silent(asNode2)).as("node 1 never hears node 2's handshake").isTrue();
        assertThat(roundTrip("logjms://" + cluster.node(1).address(), "clients pass")).isEqualTo("clients pass");

        cluster.links().restore();
        assertThat(closedByPeer(asNode2)).isTrue();
        try (Socket again = new Socket()) {
            again.bind(new InetSocketAddress(LinkFaults.bindHost(2), 0));
            again.connect(new InetSocketAddress(LinkFaults.advertisedHost(1), cluster.node(1).port()), READ_MS);
            again.setSoTimeout(READ_MS);
            again.getOutputStream().write(handshake());
            int length = new DataInputStream(again.getInputStream()).readInt();
            assertThat(length).as("node 1 answers node 2's handshake").isPositive();
        }
    }

    private static byte[] handshake() {
        return RawConnection.frame(ApiKey.HANDSHAKE.id(), FrameKind.REQUEST, 1,
                ProtocolClient.handshake(null, null, null)::writeTo);
    }

    private static String roundTrip(String url, String text) throws JMSException {
        try (Connection c = new LogJmsConnectionFactory(url).createConnection()) {
            Session s = c.createSession();
            var queue = s.createQueue("link-faults");
            s.createProducer(queue).send(s.createTextMessage(text));
            MessageConsumer consumer = s.createConsumer(queue);
            c.start();
            Message m = consumer.receive(10_000);
            return m == null ? null : ((TextMessage) m).getText();
        }
    }
}
