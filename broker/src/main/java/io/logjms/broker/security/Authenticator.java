package io.logjms.broker.security;

/** Decides whether a connecting client may use the broker. */
@FunctionalInterface
public interface Authenticator {
    /** {@code user} and {@code password} are null for an anonymous connection. Never logs the password. */
    boolean authenticate(String user, String password);
}
