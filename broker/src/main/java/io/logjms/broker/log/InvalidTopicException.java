package io.logjms.broker.log;

/** A topic name or partition number that cannot name a partition log. */
public class InvalidTopicException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidTopicException(String message) {
        super(message);
    }
}
