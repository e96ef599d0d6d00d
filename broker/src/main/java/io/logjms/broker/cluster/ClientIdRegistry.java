package io.logjms.broker.cluster;

import java.util.Optional;

/**
 * The JMS client ids held in the whole cluster, as a {@link ClusterView} of a clustered broker offers it. A client
 * id is held by one client connection, known by its {@code owner} (the origin its links present, so that the links
 * of one routed connection to several brokers share it); it is released when that connection's last link on a
 * broker closes, and when a broker leaves the cluster its links' claims go with it. Calls wait for the cluster: not
 * on a network thread.
 */
public interface ClientIdRegistry {

    /**
     * Claims {@code clientId} for {@code owner}'s link on this broker.
     *
     * @return empty when claimed (or already held by {@code owner}); otherwise why it is refused (held by another
     *         connection on a live broker)
     * @throws ClusterException when the cluster cannot decide (no majority, not joined)
     */
    Optional<String> claim(String clientId, String owner);

    /** This broker's link of {@code owner} gave {@code clientId} up (its connection closed); others may keep it. */
    void release(String clientId, String owner);
}
