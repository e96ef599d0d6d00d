package io.logjms.provider;

import io.logjms.provider.client.BrokerConnector;
import io.logjms.provider.config.ConnectionOption;
import io.logjms.provider.config.ConnectionOptions;
import io.logjms.provider.config.ConnectionUrl;
import io.logjms.provider.config.InvalidConnectionUrlException;
import io.logjms.provider.jndi.LogJmsObjectFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import javax.naming.Reference;
import javax.naming.Referenceable;
import javax.naming.StringRefAddr;

/**
 * Creates connections to logjms brokers. Configured by a URL,
 * {@code logjms://host:port[,host:port...][?option=value&...]} (default
 * {@value ConnectionOptions#DEFAULT_URL}), with the options of {@link ConnectionOption}; a setter
 * overrides the URL's value of its option. The URL is checked when a connection is created: a
 * malformed URL, an unknown option or a bad value makes that fail with a {@link JMSException} naming it.
 *
 * <p>Serializable and {@link Referenceable}, so it can be bound in JNDI; {@link LogJmsObjectFactory}
 * rebuilds it from its reference. {@link LogJmsXAConnectionFactory} adds XA connections to all of this. Thread-safe for creating connections; configure it before sharing.
 */
public class LogJmsConnectionFactory implements ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory,
        Serializable, Referenceable {
    private static final long serialVersionUID = 1L;
    /** The reference address holding the URL; the other addresses are named after their options. */
    public static final String BROKER_URL_ADDRESS = "brokerURL";

    private String brokerUrl;
    private final EnumMap<ConnectionOption, String> overrides = new EnumMap<>(ConnectionOption.class);
    private transient BrokerConnector connector = BrokerConnector.TCP;

    /** A factory for {@value ConnectionOptions#DEFAULT_URL}. */
    public LogJmsConnectionFactory() {
        this(ConnectionOptions.DEFAULT_URL);
    }

    /** A factory for the given logjms URL. */
    public LogJmsConnectionFactory(String brokerUrl) {
        this.brokerUrl = Objects.requireNonNull(brokerUrl, "brokerUrl");
    }

    // ---- connections ----

    @Override
    public Connection createConnection() throws JMSException {
        return connect(options());
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return connect(options().withCredentials(userName, password));
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        return connect(options()).pointToPointOnly();
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        return connect(options().withCredentials(userName, password)).pointToPointOnly();
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        return connect(options());
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String password) throws JMSException {
        return connect(options().withCredentials(userName, password));
    }

    // ---- contexts ----

    @Override
    public JMSContext createContext() {
        return createContext(JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        return ExceptionTranslator.unchecked(() -> LogJmsContext.create(connect(options()), sessionMode));
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return createContext(userName, password, JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        return ExceptionTranslator.unchecked(() ->
                LogJmsContext.create(connect(options().withCredentials(userName, password)), sessionMode));
    }

    private LogJmsConnection connect(ConnectionOptions options) throws JMSException {
        return new LogJmsConnection(options, connector());
    }

    /** How connections reach the broker. */
    BrokerConnector connector() {
        return connector != null ? connector : BrokerConnector.TCP;
    }

    /**
     * The options this factory creates connections with: the URL's, overridden by the setters'.
     *
     * @throws JMSException naming what is wrong with the URL or an option
     */
    public ConnectionOptions options() throws JMSException {
        try {
            return ConnectionUrl.parse(brokerUrl, overrides);
        } catch (InvalidConnectionUrlException e) {
            throw ExceptionTranslator.toJms("configure the connection", e);
        }
    }

    /** Replaces how connections reach the broker (tests use a connector without sockets). */
    void setConnector(BrokerConnector connector) {
        this.connector = connector;
    }

    // ---- configuration ----

    public String getBrokerURL() {
        return brokerUrl;
    }

    public void setBrokerURL(String brokerUrl) {
        this.brokerUrl = Objects.requireNonNull(brokerUrl, "brokerUrl");
    }

    public void setClientID(String clientId) {
        set(ConnectionOption.CLIENT_ID, clientId);
    }

    public void setUser(String user) {
        set(ConnectionOption.USER, user);
    }

    public void setPassword(String password) {
        set(ConnectionOption.PASSWORD, password);
    }

    /** Records each consumer may hold ahead of the application (its credit); at least 1. */
    public void setPrefetch(int prefetch) {
        set(ConnectionOption.PREFETCH, Integer.toString(prefetch));
    }

    public void setConnectTimeout(long millis) {
        set(ConnectionOption.CONNECT_TIMEOUT, Long.toString(millis));
    }

    public void setRequestTimeout(long millis) {
        set(ConnectionOption.REQUEST_TIMEOUT, Long.toString(millis));
    }

    /** Comma-separated class patterns, as {@link io.logjms.provider.message.ObjectMessageAllowList#parse}. */
    public void setObjectMessageAllowList(String patterns) {
        set(ConnectionOption.OBJECT_MESSAGE_ALLOW_LIST, patterns);
    }

    public void setAutoCreate(boolean autoCreate) {
        set(ConnectionOption.AUTO_CREATE, Boolean.toString(autoCreate));
    }

    /** Milliseconds to keep reconnecting after the connection to the broker is lost; 0 turns reconnecting off. */
    public void setReconnectTimeout(long millis) {
        set(ConnectionOption.RECONNECT_TIMEOUT, Long.toString(millis));
    }

    /** Whether to connect with TLS (see docs/SECURITY.md). */
    public void setTls(boolean tls) {
        set(ConnectionOption.TLS, Boolean.toString(tls));
    }

    public void setTrustStore(String path) {
        set(ConnectionOption.TRUST_STORE, path);
    }

    public void setTrustStorePassword(String password) {
        set(ConnectionOption.TRUST_STORE_PASSWORD, password);
    }

    public void setTrustStoreType(String type) {
        set(ConnectionOption.TRUST_STORE_TYPE, type);
    }

    public void setKeyStore(String path) {
        set(ConnectionOption.KEY_STORE, path);
    }

    public void setKeyStorePassword(String password) {
        set(ConnectionOption.KEY_STORE_PASSWORD, password);
    }

    public void setKeyStoreType(String type) {
        set(ConnectionOption.KEY_STORE_TYPE, type);
    }

    /** Whether the broker's certificate must match the host connected to (default true). */
    public void setVerifyHost(boolean verifyHost) {
        set(ConnectionOption.VERIFY_HOST, Boolean.toString(verifyHost));
    }

    /** Sets any option by its URL name; null removes the override. */
    public void setOption(ConnectionOption option, String value) {
        set(option, value);
    }

    /** The options set on this factory (not those of the URL). */
    public Map<ConnectionOption, String> getOptionOverrides() {
        return Map.copyOf(overrides);
    }

    private void set(ConnectionOption option, String value) {
        if (value == null) {
            overrides.remove(option);
        } else {
            overrides.put(option, value);
        }
    }

    // ---- JNDI ----

    @Override
    public Reference getReference() {
        Reference reference = new Reference(referenceClassName(),
                LogJmsObjectFactory.class.getName(), null);
        reference.add(new StringRefAddr(BROKER_URL_ADDRESS, brokerUrl));
        overrides.forEach((option, value) -> reference.add(new StringRefAddr(option.key(), value)));
        return reference;
    }

    /** The class {@link LogJmsObjectFactory} rebuilds from the reference. */
    String referenceClassName() {
        return LogJmsConnectionFactory.class.getName();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + ConnectionUrl.masked(brokerUrl) + (overrides.isEmpty() ? "" : ", overrides "
                + overrides.keySet()) + "]";
    }
}
