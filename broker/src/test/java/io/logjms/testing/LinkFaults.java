package io.logjms.testing;

import io.logjms.testing.LinkProxy.Direction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Network faults between the brokers of a cluster on one machine, made by {@link LinkProxy}s, since the machine
 * has no netem, iptables nor toxiproxy: a link {@code a -> b} can be blackholed (one direction or both),
 * delayed, cut, and restored; a node can be isolated from all the others while its process keeps running.
 *
 * <h2>How broker-to-broker traffic goes through the proxies</h2>
 * Every node gets two loopback addresses (all of 127.0.0.0/8 reaches the loopback interface on Linux):
 * <ul>
 * <li>its <b>bind host</b> {@code 127.0.1.N}: the broker listens there ({@code host}, {@code --host}) for clients
 * and for Hazelcast ({@code cluster.port});
 * <li>its <b>advertised host</b> {@code 127.0.2.N} ({@code advertised.host}): what the other nodes and the
 * clients are told. A {@link LinkProxy} listens on {@code 127.0.2.N:P} for each port P the broker bound and
 * forwards to {@code 127.0.1.N:P} ({@link #expose}); the port is the same, so no "advertised port" setting is
 * needed.
 * </ul>
 * A node binds its <i>outgoing</i> broker-to-broker sockets to one of its two hosts, so that a proxy can tell
 * which node connected (a connection from any other host, 127.0.0.1 for instance, is a client).
 * The {@code --cluster-members} list names the advertised addresses ({@code 127.0.2.1:C1,127.0.2.2:C2,...}). A
 * link fault {@code a -> b} then applies, on b's proxies, to bytes coming from a's hosts (connections a
 * opened) and, on a's proxies, to bytes going back to b's hosts (connections b opened): whichever side
 * opened a connection, its bytes from a to b are affected. Clients (and the test) connect from 127.0.0.1 and are
 * never affected, so a test can watch an isolated leader refuse to commit.
 *
 * <h2>What the broker must do for this (coordination and replication)</h2>
 * <ol>
 * <li>The Hazelcast member binds {@code host:cluster.port} only (not the wildcard address, which would take the
 * port on the proxy's host too) and announces {@code advertised.host:cluster.port} as its public address
 * ({@code NetworkConfig.setPublicAddress}), and TCP-IP joins the {@code cluster.members} list as given.
 * {@link TestCluster} also passes Hazelcast's own system properties for this ({@code hazelcast.socket.bind.any=false},
 * {@code hazelcast.local.localAddress}, {@code hazelcast.local.publicAddress}; a 5.7 member started with them
 * alone listened on 127.0.1.N only and announced 127.0.2.N), so the broker must not set other values.
 * <li>Hazelcast's outgoing member connections are bound to one of the node's hosts: the test passes
 * {@code -Dhazelcast.socket.client.bind.any=false}, and with the default {@code hazelcast.socket.client.bind=true}
 * Hazelcast 5.7 then binds them to the member's public address, {@code 127.0.2.N} (seen in a trial with three
 * members in one JVM: the cluster formed through the proxies, split within 12 s when one member was isolated
 * with {@code hazelcast.max.no.heartbeat.seconds=6}, and merged again 5 s after {@link #restore()}); the broker
 * must not override these two properties.
 * <li>The broker's own broker-to-broker connections (a follower fetching from its leader) bind their local
 * address to {@code host} when {@code host} is a specific address (a Netty {@code Bootstrap.connect(remote,
 * new InetSocketAddress(host, 0))}).
 * <li>Metadata (and {@code cluster describe}) give {@code advertised.host:port} as a broker's address, so the
 * followers and clients reach it through its proxy.
 * </ol>
 * {@link TestCluster.Builder#throughLinkProxies()} starts the nodes that way. Not thread-safe: drive it from the
 * test's thread (the proxies themselves are).
 */
public final class LinkFaults implements AutoCloseable {
    private final Map<Integer, String> bindHosts = new LinkedHashMap<>();
    private final Map<Integer, String> advertisedHosts = new LinkedHashMap<>();
    /** Each node's proxies by the port they serve. */
    private final Map<Integer, Map<Integer, LinkProxy>> proxies = new HashMap<>();
    /** The faults in force, by link; replayed on proxies exposed later. */
    private final Map<Link, Fault> faults = new LinkedHashMap<>();

    private record Link(int from, int to) {
    }

    private record Fault(boolean blackhole, Duration delay) {
    }

    /** The bind host of node {@code id} (1..254) in the address plan above. */
    public static String bindHost(int id) {
        return "127.0.1." + checkId(id);
    }

    /** The advertised host of node {@code id} (1..254) in the address plan above. */
    public static String advertisedHost(int id) {
        return "127.0.2." + checkId(id);
    }

    private static int checkId(int id) {
        if (id < 1 || id > 254) {
            throw new IllegalArgumentException("node ids of a LinkFaults plan go from 1 to 254, not " + id);
        }
        return id;
    }

    /** Adds node {@code id} with the plan's hosts. */
    public LinkFaults node(int id) {
        bindHosts.put(id, bindHost(id));
        advertisedHosts.put(id, advertisedHost(id));
        proxies.putIfAbsent(id, new LinkedHashMap<>());
        return this;
    }

    /**
     * Starts a proxy on node {@code id}'s advertised host and {@code port} to its bind host and the same port,
     * with the faults in force; replaces one already there for that port.
     */
    public LinkProxy expose(int id, int port) {
        requireNode(id);
        unexpose(id, port);
        LinkProxy proxy = LinkProxy.start(advertisedHosts.get(id), port, bindHosts.get(id), port);
        proxies.get(id).put(port, proxy);
        faults.forEach((link, fault) -> apply(link, fault, proxy, id));
        return proxy;
    }

    /** Stops node {@code id}'s proxy for {@code port}, if any (its broker restarted on another port). */
    public void unexpose(int id, int port) {
        LinkProxy old = proxies.get(requireNode(id)).remove(port);
        if (old != null) {
            old.close();
        }
    }

    /** Bytes from {@code from} to {@code to} are discarded; {@code to} to {@code from} still pass. */
    public LinkFaults blackhole(int from, int to) {
        return set(new Link(from, to), new Fault(true, delayOf(from, to)));
    }

    /** Nothing passes between {@code a} and {@code b}, either way. */
    public LinkFaults blackholeBoth(int a, int b) {
        return blackhole(a, b).blackhole(b, a);
    }

    /** Nothing passes between {@code id} and any other node, either way (clients still reach it). */
    public LinkFaults isolate(int id) {
        requireNode(id);
        for (int other : bindHosts.keySet()) {
            if (other != id) {
                blackholeBoth(id, other);
            }
        }
        return this;
    }

    /** Bytes from {@code from} to {@code to} arrive {@code delay} late (in order). */
    public LinkFaults delay(int from, int to, Duration delay) {
        Fault now = faults.get(new Link(from, to));
        return set(new Link(from, to), new Fault(now != null && now.blackhole(), delay));
    }

    /** Closes the connections open now between {@code a} and {@code b}; they may reconnect at once. */
    public LinkFaults cut(int a, int b) {
        for (LinkProxy p : proxies.get(requireNode(b)).values()) {
            sourceHosts(requireNode(a)).forEach(p::cut);
        }
        for (LinkProxy p : proxies.get(a).values()) {
            sourceHosts(b).forEach(p::cut);
        }
        return this;
    }

    /** No more faults anywhere; connections that lost bytes are cut (see {@link LinkProxy#restore()}). */
    public LinkFaults restore() {
        faults.clear();
        allProxies().forEach(LinkProxy::restore);
        return this;
    }

    /** Node {@code id}'s proxy for {@code port}. */
    public LinkProxy proxy(int id, int port) {
        LinkProxy p = proxies.get(requireNode(id)).get(port);
        if (p == null) {
            throw new IllegalArgumentException("node " + id + " has no proxy for port " + port);
        }
        return p;
    }

    /** The faults in force, for a failure message. */
    public String describe() {
        return "LinkFaults" + faults;
    }

    @Override
    public void close() {
        allProxies().forEach(LinkProxy::close);
        proxies.values().forEach(Map::clear);
    }

    private List<LinkProxy> allProxies() {
        List<LinkProxy> all = new ArrayList<>();
        proxies.values().forEach(m -> all.addAll(m.values()));
        return all;
    }

    private Duration delayOf(int from, int to) {
        Fault now = faults.get(new Link(from, to));
        return now == null ? Duration.ZERO : now.delay();
    }

    private LinkFaults set(Link link, Fault fault) {
        requireNode(link.from());
        requireNode(link.to());
        if (link.from() == link.to()) {
            throw new IllegalArgumentException("a link joins two different nodes, not " + link.from() + " to itself");
        }
        faults.put(link, fault);
        for (Map.Entry<Integer, Map<Integer, LinkProxy>> e : proxies.entrySet()) {
            for (LinkProxy p : e.getValue().values()) {
                apply(link, fault, p, e.getKey());
            }
        }
        return this;
    }

    /** Applies a link's fault to a proxy in front of node {@code owner}, if the link touches it. */
    private void apply(Link link, Fault fault, LinkProxy proxy, int owner) {
        if (owner == link.to()) {
            // connections the sender opened to the receiver: their upstream bytes
            sourceHosts(link.from()).forEach(h -> configure(proxy, h, Direction.UPSTREAM, fault));
        } else if (owner == link.from()) {
            // connections the receiver opened to the sender: the sender's answers go downstream
            sourceHosts(link.to()).forEach(h -> configure(proxy, h, Direction.DOWNSTREAM, fault));
        }
    }

    /** The hosts node {@code id}'s outgoing connections may come from: its bind host or its advertised host. */
    private List<String> sourceHosts(int id) {
        return List.of(bindHosts.get(id), advertisedHosts.get(id));
    }

    private static void configure(LinkProxy proxy, String sourceHost, Direction direction, Fault fault) {
        if (fault.blackhole()) {
            proxy.blackhole(sourceHost, direction);
        }
        if (!fault.delay().isZero()) {
            proxy.delay(sourceHost, direction, fault.delay());
        }
    }

    private int requireNode(int id) {
        if (!bindHosts.containsKey(Objects.requireNonNull(id))) {
            throw new IllegalArgumentException("node " + id + " is not part of these link faults");
        }
        return id;
    }
}
