package io.logjms.compat;

/** Thrown when a JMS provider under test cannot be started, so no scenario can run against it. */
public final class ProviderStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProviderStartException(String providerName, Throwable cause) {
        super("could not start JMS provider '" + providerName + "': " + cause.getMessage(), cause);
    }
}
