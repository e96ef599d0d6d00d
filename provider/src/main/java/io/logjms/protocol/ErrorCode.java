package io.logjms.protocol;

/** Error codes carried by responses. Codes are stable on the wire; {@code docs/PROTOCOL.md} lists them. */
public enum ErrorCode {
    NONE(0, "no error"),
    UNKNOWN_ERROR(1, "unexpected broker error"),
    MALFORMED_FRAME(2, "the frame does not follow the protocol"),
    UNSUPPORTED_VERSION(3, "no protocol version in common"),
    UNKNOWN_REQUEST(4, "unknown request type"),
    FRAME_TOO_LARGE(5, "frame larger than the maximum frame size"),
    CORRUPT_BATCH(6, "record batch failed validation (CRC, sizes or offsets)"),
    BATCH_TOO_LARGE(7, "record batch larger than the maximum batch size"),
    UNKNOWN_DESTINATION(8, "the destination does not exist"),
    DESTINATION_EXISTS(9, "the destination already exists"),
    INVALID_DESTINATION(10, "invalid destination name or settings"),
    OFFSET_OUT_OF_RANGE(11, "offset outside the log"),
    STORAGE_ERROR(12, "the partition is offline after a storage error"),
    AUTHENTICATION_FAILED(13, "wrong user name or password"),
    HANDSHAKE_REQUIRED(14, "the first request on a connection must be a handshake"),
    INVALID_REQUEST(15, "a request field has a value the protocol does not allow, or the request is not valid in this state"),
    UNKNOWN_PARTITION(16, "the destination has no such partition"),
    UNKNOWN_SUBSCRIPTION(17, "no such subscription on this connection"),
    INVALID_SELECTOR(18, "invalid message selector"),
    CLIENT_ID_IN_USE(19, "the client id is in use by another connection"),
    NOT_LEADER(20, "this broker does not lead the partition"),
    BROKER_SHUTTING_DOWN(21, "the broker is shutting down"),
    SUBSCRIPTION_IN_USE(22, "the subscription has an active consumer or conflicts with an existing one"),
    INVALID_CLIENT_ID(23, "invalid client id"),
    /** A producer's batch does not continue its sequence on the partition: a batch before it is missing. */
    OUT_OF_ORDER_SEQUENCE(24, "the batch's sequence does not follow the producer's last one on the partition"),
    /** A batch of a producer epoch older than one the partition has seen: a newer session owns the producer id. */
    PRODUCER_FENCED(25, "the producer epoch is fenced by a newer one"),
    NOT_AUTHORIZED(26, "the user is not allowed to do this (access control list)"),
    /** A replica request names a leader epoch older than one the answering replica knows or has promised. */
    FENCED_LEADER_EPOCH(27, "the request's leader epoch is older than the replica's"),
    /** A persistent send could not be committed: fewer than a majority of the partition's replicas hold it. */
    NOT_ENOUGH_REPLICAS(28, "not enough replicas of the partition are reachable to commit the send"),
    /** The broker should lead the partition but is still taking over (retriable). */
    LEADER_NOT_AVAILABLE(29, "the partition's leader is taking over and does not serve yet"),
    /** Fewer than a majority of the configured brokers are cluster members: destinations cannot change. */
    CLUSTER_NO_MAJORITY(31, "the cluster has no majority of its configured brokers"),
    /** The broker is not (yet) a member of its cluster. */
    CLUSTER_NOT_JOINED(32, "the broker has not joined its cluster"),
    /** XA: no branch with that Xid (XAER_NOTA). */
    XA_UNKNOWN_BRANCH(40, "no transaction branch with that Xid"),
    /** XA: a branch with that Xid exists already (XAER_DUPID). */
    XA_DUPLICATE_BRANCH(41, "a transaction branch with that Xid exists already"),
    /** XA: the request is not allowed in the branch's state (XAER_PROTO). */
    XA_PROTOCOL_ERROR(42, "the request is not allowed in the transaction branch's state"),
    /** XA: the broker rolled the branch back because it was not prepared within its timeout (XA_RBTIMEOUT). */
    XA_BRANCH_TIMED_OUT(43, "the transaction branch timed out and was rolled back"),
    /** XA: the branch was rolled back (marked rollback-only or its work could not be applied) (XA_RBROLLBACK). */
    XA_BRANCH_ROLLED_BACK(44, "the transaction branch was rolled back"),
    /** XA: invalid arguments (XAER_INVAL). */
    XA_INVALID_ARGUMENTS(45, "invalid arguments for an XA request"),
    /** A broker of the cluster whose part of the answer was needed did not answer (admin across the cluster). */
    CLUSTER_PEER_UNAVAILABLE(46, "a broker of the cluster did not answer"),
    /** A cross-broker transaction cannot be committed as sent (a batch without producer id, an unknown attachment). */
    TRANSACTION_INVALID(49, "the cross-broker transaction cannot be committed as sent"),
    /**
     * The coordinator decided the transaction (it is in the replicated transaction log) but could not yet apply
     * every part; it goes on, and a retry of the commit with the same id is answered once it is done (retriable).
     */
    TRANSACTION_IN_PROGRESS(50, "the transaction is decided and its parts are still being applied"),
    /**
     * The cross-broker transaction was rolled back: a record it acknowledges was given back (its consumer's connection
     * ended or its partition's leader changed before it was held for the transaction), or it was not decided in time
     * and its held records were given back; nothing of it is applied, ever.
     */
    TRANSACTION_ABORTED(52, "the transaction was rolled back and its consumed records given back");

    private static final ErrorCode[] BY_CODE = new ErrorCode[64];

    static {
        for (ErrorCode e : values()) {
            BY_CODE[e.code] = e;
        }
    }

    private final short code;
    private final String description;

    ErrorCode(int code, String description) {
        this.code = (short) code;
        this.description = description;
    }

    public short code() {
        return code;
    }

    public String description() {
        return description;
    }

    /** The error for a wire code; unknown codes (from a newer broker) map to {@link #UNKNOWN_ERROR}. */
    public static ErrorCode fromCode(short code) {
        ErrorCode e = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        return e == null ? UNKNOWN_ERROR : e;
    }
}
