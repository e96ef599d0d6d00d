/**
 * The broker's partitions: {@link io.logjms.broker.partition.Partition} holds a partition's log, its role
 * (leader or follower), its leader epoch and the marks that say what is written, durable and committed.
 * Depends on {@code broker.log} only.
 */
package io.logjms.broker.partition;
