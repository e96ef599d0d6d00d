package io.logjms.provider.client;

/** The cluster names no leader for a partition now (none alive, or a takeover in progress). */
final class NoLeaderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoLeaderException(String message) {
        super(message);
    }
}
