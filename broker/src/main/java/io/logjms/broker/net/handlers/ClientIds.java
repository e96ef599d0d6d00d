package io.logjms.broker.net.handlers;

import io.logjms.broker.net.RequestException;
import io.logjms.broker.net.ClientConnection;
import io.logjms.protocol.ErrorCode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** JMS client ids in use: one connection each, released when it closes. */
public final class ClientIds {
    private final Map<String, ClientConnection> inUse = new ConcurrentHashMap<>();

    public void claim(ClientConnection connection, String clientId) {
        if (clientId == null || clientId.isEmpty()) {
            throw new RequestException(ErrorCode.INVALID_CLIENT_ID, "client id must not be empty");
        }
        ClientConnection holder = inUse.putIfAbsent(clientId, connection);
        if (holder != null && holder != connection) {
            throw new RequestException(ErrorCode.CLIENT_ID_IN_USE, "client id '" + clientId + "' is in use by another connection");
        }
        connection.onClose(() -> inUse.remove(clientId, connection));
    }
}
