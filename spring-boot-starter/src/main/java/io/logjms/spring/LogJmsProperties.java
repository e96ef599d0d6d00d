package io.logjms.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code logjms.*} properties of {@link LogJmsAutoConfiguration}. */
@ConfigurationProperties(prefix = "logjms")
public class LogJmsProperties {
    /** The broker: logjms://host:port[,host:port...][?option=value&...], with the options of docs/CLIENT.md. */
    private String url = "logjms://localhost:7878";

    /** User name to log in with; overrides the URL's user option. */
    private String user;

    /** Password to log in with; overrides the URL's password option. */
    private String password;

    /** JMS client id of the connections; needs pool.max-connections=1 when pooled, as a client id is unique. */
    private String clientId;

    private final Pool pool = new Pool();

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public Pool getPool() {
        return pool;
    }

    /** Pooling of connections and sessions through pooled-jms. */
    public static class Pool {
        /** Whether to pool connections and sessions with pooled-jms (otherwise Spring's caching factory is used). */
        private boolean enabled;

        /** Maximum number of pooled connections. */
        private int maxConnections = 1;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getMaxConnections() {
            return maxConnections;
        }

        public void setMaxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
        }
    }
}
