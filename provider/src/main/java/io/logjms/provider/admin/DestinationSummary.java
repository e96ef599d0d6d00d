package io.logjms.provider.admin;

import io.logjms.protocol.DestinationType;

/** One destination in a listing: its type, name and partition count. */
public record DestinationSummary(DestinationType type, String name, int partitions) {
}
