package io.logjms.provider.admin;

import io.logjms.protocol.DestinationType;
import io.logjms.protocol.api.SubscriptionKind;

/**
 * One subscription as the broker lists it.
 *
 * @param id              names the subscription in describe and reset: {@code queue/<queue>},
 *                        {@code durable/<client id>/<name>}, {@code shared-durable/<client id or empty>/<name>},
 *                        {@code shared/<client id or empty>/<name>} or {@code consumer/<uuid>}
 * @param clientId        the JMS client id of a named subscription, null for none
 * @param name            the subscription name, null for queue cursors and non-durable subscribers
 * @param selector        the message selector, null for none
 * @param consumers       consumers attached now
 */
public record SubscriptionSummary(String id, SubscriptionKind kind, DestinationType destinationType,
                                  String destination, String clientId, String name, String selector, int consumers) {
}
