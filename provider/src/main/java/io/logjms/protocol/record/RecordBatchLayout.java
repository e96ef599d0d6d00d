package io.logjms.protocol.record;

/**
 * The byte layout of a record batch: the unit a producer sends, the broker appends to a partition log
 * and a consumer or follower reads back. All integers are big-endian.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     base offset (int64)                       |  0
 * |                                                               |
 * +---------------------------------------------------------------+
 * |            batch length (int32, bytes after this field)       |  8
 * +---------------------------------------------------------------+
 * |                 partition leader epoch (int32)                |  12
 * +---------------+-----------------------------------------------+
 * | magic (int8)  |           CRC32C (uint32) of bytes 21..end    |  16
 * +---------------+---------------+-------------------------------+
 * |               | attributes (int16)            | last offset   |  20
 * +---------------+-------------------------------+ delta (int32) |
 * |                                               |               |  24
 * +-----------------------------------------------+---------------+
 * |                  first timestamp (int64, epoch ms)            |  27
 * +---------------------------------------------------------------+
 * |                   max timestamp (int64, epoch ms)             |  35
 * +---------------------------------------------------------------+
 * |                       producer id (int64)                     |  43
 * +-------------------------------+-------------------------------+
 * |    producer epoch (int16)     |      base sequence (int32)    |  51, 53
 * +-------------------------------+-------------------------------+
 * |                       record count (int32)                    |  57
 * +---------------------------------------------------------------+
 * |                records (see {@link RecordLayout})  ...        |  61
 * +---------------------------------------------------------------+
 * </pre>
 *
 * <p>The base offset and the leader epoch lie before the CRC so the broker can assign offsets and stamp
 * its epoch on append without recomputing the checksum; everything from the attributes on is covered by
 * the CRC and is stored exactly as the producer sent it. Producer id, epoch and base sequence are kept
 * from the start so idempotent producers need no format change ({@link #NO_PRODUCER_ID} when unused).
 */
public final class RecordBatchLayout {
    public static final int BASE_OFFSET_OFFSET = 0;
    public static final int BATCH_LENGTH_OFFSET = 8;
    public static final int LEADER_EPOCH_OFFSET = 12;
    public static final int MAGIC_OFFSET = 16;
    public static final int CRC_OFFSET = 17;
    public static final int ATTRIBUTES_OFFSET = 21;
    public static final int LAST_OFFSET_DELTA_OFFSET = 23;
    public static final int FIRST_TIMESTAMP_OFFSET = 27;
    public static final int MAX_TIMESTAMP_OFFSET = 35;
    public static final int PRODUCER_ID_OFFSET = 43;
    public static final int PRODUCER_EPOCH_OFFSET = 51;
    public static final int BASE_SEQUENCE_OFFSET = 53;
    public static final int RECORD_COUNT_OFFSET = 57;
    public static final int RECORDS_OFFSET = 61;

    /** Size of the fixed header, which is also the smallest possible batch (zero records is invalid). */
    public static final int HEADER_SIZE = RECORDS_OFFSET;
    /** Bytes before the batch length field is counted: base offset plus the length itself. */
    public static final int LOG_OVERHEAD = BATCH_LENGTH_OFFSET + 4;
    /** The first byte covered by the CRC. */
    public static final int CRC_COVERED_FROM = ATTRIBUTES_OFFSET;

    public static final byte CURRENT_MAGIC = 1;

    public static final long NO_PRODUCER_ID = -1L;
    public static final short NO_PRODUCER_EPOCH = -1;
    public static final int NO_SEQUENCE = -1;
    public static final int NO_LEADER_EPOCH = -1;

    /** Attribute bit: the batch belongs to a transaction (reserved for transactional producers). */
    public static final short ATTR_TRANSACTIONAL = 0x10;
    /** Attribute bit: the batch carries control records (transaction markers), not messages. */
    public static final short ATTR_CONTROL = 0x20;

    private RecordBatchLayout() {
    }
}
