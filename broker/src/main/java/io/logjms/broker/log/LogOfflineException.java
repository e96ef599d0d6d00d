package io.logjms.broker.log;

import java.io.IOException;

/**
 * The partition log was taken offline by an I/O error (or could not be opened); every later append,
 * read and flush fails with this exception, whose cause is the original error. A restart recovers
 * the partition from what is on disk.
 */
public class LogOfflineException extends LogException {
    private static final long serialVersionUID = 1L;

    public LogOfflineException(TopicPartition topicPartition, IOException cause) {
        super(topicPartition, "partition " + topicPartition + " is offline after an I/O error: " + cause, cause);
    }

    @Override
    public synchronized IOException getCause() {
        return (IOException) super.getCause();
    }
}
