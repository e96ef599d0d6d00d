package io.logjms.broker.log;

import java.io.IOException;

/**
 * A segment's files disagree with the format: a bad index, a torn or corrupt batch. While loading, it
 * sends the segment to full recovery; met at run time it is an I/O failure that takes the log offline.
 */
final class CorruptSegmentException extends IOException {
    private static final long serialVersionUID = 1L;

    CorruptSegmentException(String message) {
        super(message);
    }
}
