package io.logjms.provider.client;

/**
 * A commit the client did not send because it could not be committed whole (a partition it touches has no leader,
 * or records it acknowledges belong to a partition that is moving): nothing was committed, so the session rolls the
 * transaction back and gives its records back.
 */
public final class CommitRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CommitRefusedException(String message) {
        super(message);
    }
}
