package io.logjms.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import java.io.Serializable;

/**
 * How a message-driven bean is bound to a logjms destination: the standard activation properties of
 * Jakarta Messaging 3.1 chapter 13 plus {@code maxSessions}, the connection ({@code connectionUrl},
 * {@code user}, {@code password}) and the log extension {@code startPosition}. Every setter takes what
 * the container gives; {@link #validate()} and {@link LogJmsResourceAdapter#endpointActivation} both check
 * the whole set through {@link ActivationConfig} (GlassFish never calls {@code validate()}).
 * docs/JAKARTA-EE.md lists the properties with their allowed values.
 */
public class LogJmsActivationSpec implements ActivationSpec, ResourceAdapterAssociation, Serializable {
    private static final long serialVersionUID = 1L;

    private transient ResourceAdapter resourceAdapter;
    private String destinationLookup;
    private String destination;
    private String destinationType;
    private String messageSelector;
    private String acknowledgeMode;
    private String subscriptionDurability;
    private String subscriptionName;
    private String clientId;
    private String connectionFactoryLookup;
    private Integer maxSessions;
    private String connectionUrl;
    private String user;
    private String password;
    private String startPosition;

    @Override
    public void validate() throws InvalidPropertyException {
        config();
    }

    /** The checked configuration; throws naming the first property that is wrong. */
    ActivationConfig config() throws InvalidPropertyException {
        return ActivationConfig.of(this);
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) throws ResourceException {
        this.resourceAdapter = resourceAdapter;
    }

    public String getDestinationLookup() {
        return destinationLookup;
    }

    public void setDestinationLookup(String destinationLookup) {
        this.destinationLookup = destinationLookup;
    }

    public String getDestination() {
        return destination;
    }

    public void setDestination(String destination) {
        this.destination = destination;
    }

    public String getDestinationType() {
        return destinationType;
    }

    public void setDestinationType(String destinationType) {
        this.destinationType = destinationType;
    }

    public String getMessageSelector() {
        return messageSelector;
    }

    public void setMessageSelector(String messageSelector) {
        this.messageSelector = messageSelector;
    }

    public String getAcknowledgeMode() {
        return acknowledgeMode;
    }

    public void setAcknowledgeMode(String acknowledgeMode) {
        this.acknowledgeMode = acknowledgeMode;
    }

    public String getSubscriptionDurability() {
        return subscriptionDurability;
    }

    public void setSubscriptionDurability(String subscriptionDurability) {
        this.subscriptionDurability = subscriptionDurability;
    }

    public String getSubscriptionName() {
        return subscriptionName;
    }

    public void setSubscriptionName(String subscriptionName) {
        this.subscriptionName = subscriptionName;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getConnectionFactoryLookup() {
        return connectionFactoryLookup;
    }

    public void setConnectionFactoryLookup(String connectionFactoryLookup) {
        this.connectionFactoryLookup = connectionFactoryLookup;
    }

    public Integer getMaxSessions() {
        return maxSessions;
    }

    public void setMaxSessions(Integer maxSessions) {
        this.maxSessions = maxSessions;
    }

    public String getConnectionUrl() {
        return connectionUrl;
    }

    public void setConnectionUrl(String connectionUrl) {
        this.connectionUrl = connectionUrl;
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

    public String getStartPosition() {
        return startPosition;
    }

    public void setStartPosition(String startPosition) {
        this.startPosition = startPosition;
    }

    @Override
    public String toString() {
        return "LogJmsActivationSpec[destinationLookup=" + destinationLookup + ", destination=" + destination
                + ", destinationType=" + destinationType + ", messageSelector=" + messageSelector
                + ", acknowledgeMode=" + acknowledgeMode + ", subscriptionDurability=" + subscriptionDurability
                + ", subscriptionName=" + subscriptionName + ", clientId=" + clientId
                + ", connectionFactoryLookup=" + connectionFactoryLookup + ", maxSessions=" + maxSessions
                + ", connectionUrl=" + connectionUrl + ", user=" + user
                + ", password=" + (password == null ? null : "****") + ", startPosition=" + startPosition + "]";
    }
}
