package io.logjms.broker.subscription;

import io.logjms.protocol.api.SubscribeRequest;
import io.logjms.selector.Selector;
import jakarta.jms.InvalidSelectorException;

/** Checks of what a subscribe request names, shared by the subscription manager's paths. */
final class SubscribeRequests {
    private SubscribeRequests() {
    }

    static Selector parse(String text) {
        try {
            return Selector.parse(text);
        } catch (InvalidSelectorException e) {
            throw new SubscriptionException(SubscriptionException.Reason.INVALID_SELECTOR, e.getMessage(), e);
        }
    }

    static String requireName(SubscribeRequest request) {
        if (request.name() == null || request.name().isEmpty()) {
            throw new SubscriptionException(SubscriptionException.Reason.INVALID_REQUEST, request.kind()
                    + " subscriptions need a name");
        }
        return request.name();
    }

    static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
