package io.logjms.broker.net;

import io.logjms.protocol.ApiKey;
import io.logjms.protocol.FrameKind;
import java.util.EnumMap;
import java.util.Map;

/** Which handler serves which request (and which one-way frame). Filled at start-up, then read-only. */
public final class RequestRouter {
    private final Map<ApiKey, RequestHandler> requests = new EnumMap<>(ApiKey.class);
    private final Map<ApiKey, RequestHandler> oneWay = new EnumMap<>(ApiKey.class);
    private RequestGuard guard = RequestGuard.ADMIT_ALL;

    public RequestRouter request(ApiKey api, RequestHandler handler) {
        requests.put(api, handler);
        return this;
    }

    public RequestRouter oneWay(ApiKey api, RequestHandler handler) {
        oneWay.put(api, handler);
        return this;
    }

    /** Checks every request after the handshake before its handler runs (access control). */
    public RequestRouter guard(RequestGuard requestGuard) {
        this.guard = requestGuard;
        return this;
    }

    RequestGuard guard() {
        return guard;
    }

    RequestHandler handler(ApiKey api, FrameKind kind) {
        return kind == FrameKind.ONE_WAY ? oneWay.get(api) : requests.get(api);
    }
}
