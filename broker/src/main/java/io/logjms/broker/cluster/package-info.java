/**
 * The cluster as the broker sees it ({@link io.logjms.broker.cluster.ClusterView}): members, the controller,
 * partition assignments and replica status. Hazelcast types never leave this package.
 */
package io.logjms.broker.cluster;
