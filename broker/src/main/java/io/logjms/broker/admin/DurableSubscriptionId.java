package io.logjms.broker.admin;

/**
 * The id of a durable subscription as listed: {@code durable/<client id>/<name>} or
 * {@code shared-durable/<client id or empty>/<name>}. Other subscriptions end with their consumers and cannot
 * be deleted.
 */
record DurableSubscriptionId(String clientId, String name) {

    /** @throws IllegalArgumentException (a usage error) for any other id */
    static DurableSubscriptionId parse(String id) {
        String[] parts = id.split("/", 3);
        boolean durable = parts.length == 3 && (parts[0].equals("durable") || parts[0].equals("shared-durable"));
        if (!durable || parts[2].isEmpty() || (parts[0].equals("durable") && parts[1].isEmpty())) {
            throw new IllegalArgumentException("cannot delete " + id + ": only durable subscriptions can be deleted"
                    + " (durable/CLIENT_ID/NAME or shared-durable/CLIENT_ID/NAME, as subscriptions list shows them);"
                    + " a queue is deleted with queues delete, other subscriptions end with their consumers");
        }
        return new DurableSubscriptionId(parts[1].isEmpty() ? null : parts[1], parts[2]);
    }
}
