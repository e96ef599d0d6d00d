package io.logjms.protocol.record;

/**
 * The layout of one record inside a batch. Variable-length integers are zig-zag encoded varints
 * ({@link Varint}); a length of -1 means null.
 *
 * <pre>
 * varint   length            bytes of the record after this field
 * int8     attributes        reserved, 0
 * varlong  timestamp delta   record timestamp minus the batch's first timestamp
 * varint   offset delta      record offset minus the batch's base offset
 * varint   key length        -1 when the record has no key
 * bytes    key               the partition key (JMSXGroupID or the configured key property)
 * varint   headers length    -1 when absent
 * bytes    headers           JMS header fields and properties (io.logjms.protocol.message)
 * varint   value length      -1 when absent
 * bytes    value             the JMS body, encoded according to its body type
 * </pre>
 */
public final class RecordLayout {
    /** Largest possible size of the record length prefix. */
    public static final int MAX_LENGTH_PREFIX = 5;

    private RecordLayout() {
    }
}
