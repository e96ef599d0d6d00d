package io.logjms.provider.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections a client opens to brokers of its cluster besides the bootstrap one: one per broker (node id),
 * opened when a partition it leads is first needed, on a pool thread (opening blocks), with the bootstrap's
 * credentials, TLS and options. A link that closed for good is opened afresh the next time it is asked for.
 * Thread-safe.
 */
final class BrokerLinks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerLinks.class);

    /** Opens a link to one node; blocks until the handshake is done. */
    @FunctionalInterface
    interface LinkOpener {
        BrokerConnection open(int node) throws Exception;
    }

    private final LinkOpener opener;
    private final ReconnectScheduler scheduler;
    private final Map<Integer, CompletableFuture<BrokerConnection>> links = new HashMap<>();
    private boolean closed;

    BrokerLinks(LinkOpener opener, ReconnectScheduler scheduler) {
        this.opener = opener;
        this.scheduler = scheduler;
    }

    /** The link to {@code node}: the open one, the one being opened, or a new one. */
    CompletableFuture<BrokerConnection> get(int node) {
        CompletableFuture<BrokerConnection> link;
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new ConnectionLostException("the connection was closed", null));
            }
            link = links.get(node);
            if (link != null && (!link.isDone() || usable(link))) {
                return link;
            }
            CompletableFuture<BrokerConnection> opening = new CompletableFuture<>();
            links.put(node, opening);
            link = opening;
        }
        CompletableFuture<BrokerConnection> opening = link;
        scheduler.schedule(() -> open(node, opening), 0);
        return opening;
    }

    private static boolean usable(CompletableFuture<BrokerConnection> link) {
        return !link.isCompletedExceptionally() && link.join().isOpen();
    }

    private void open(int node, CompletableFuture<BrokerConnection> opening) {
        try {
            BrokerConnection connection = opener.open(node);
            boolean keep;
            synchronized (this) {
                keep = !closed;
            }
            if (!keep) {
                connection.close();
                opening.completeExceptionally(new ConnectionLostException("the connection was closed", null));
                return;
            }
            LOG.debug("opened a connection to broker node {}", node);
            opening.complete(connection);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            opening.completeExceptionally(new ConnectionLostException("interrupted while connecting to node " + node,
                    e));
        } catch (Exception e) {
            LOG.info("could not connect to broker node {}: {}", node, e.getMessage());
            opening.completeExceptionally(e);
        }
    }

    /** The links open now, to ask for metadata when the bootstrap connection is down. */
    synchronized List<BrokerConnection> open() {
        List<BrokerConnection> open = new ArrayList<>();
        for (CompletableFuture<BrokerConnection> link : links.values()) {
            if (link.isDone() && usable(link)) {
                open.add(link.join());
            }
        }
        return open;
    }

    /** Whether requests to the node go out now: false while its link is being re-established. */
    synchronized boolean reachable(int node) {
        CompletableFuture<BrokerConnection> link = links.get(node);
        if (link == null || !link.isDone() || !usable(link)) {
            return true; // asked for, it is opened (again)
        }
        return !(link.join() instanceof ReconnectingBrokerConnection r && r.isReconnecting());
    }

    void stopReconnecting() {
        open().forEach(BrokerConnection::stopReconnecting);
    }

    @Override
    public void close() {
        List<CompletableFuture<BrokerConnection>> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(links.values());
            links.clear();
        }
        for (CompletableFuture<BrokerConnection> link : all) {
            link.thenAccept(BrokerConnection::close);
        }
    }
}
