package io.logjms.broker.config;

import java.util.ArrayList;
import java.util.List;

/** The value of {@code cluster.members}: comma-separated {@code host:port} entries ({@code [v6]:port} too). */
public final class ClusterMembersSetting {
    private ClusterMembersSetting() {
    }

    /** One member address. */
    public record Member(String host, int port) {
        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** Whether {@code text} is empty or a list of {@code host:port}. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The members listed; empty for a blank value.
     *
     * @throws IllegalArgumentException naming the entry that is not {@code host:port}
     */
    public static List<Member> parse(String text) {
        List<Member> members = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return members;
        }
        for (String raw : text.split(",")) {
            String entry = raw.trim();
            int colon = entry.lastIndexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new IllegalArgumentException("'" + entry + "' is not host:port");
            }
            String host = entry.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(entry.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + entry + "' is not host:port", e);
            }
            if (host.isBlank() || port < 1 || port > 65535) {
                throw new IllegalArgumentException("'" + entry + "' is not host:port with a port in 1..65535");
            }
            Member m = new Member(host, port);
            if (members.contains(m)) {
                throw new IllegalArgumentException("'" + entry + "' is listed twice");
            }
            members.add(m);
        }
        return members;
    }
}
