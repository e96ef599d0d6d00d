package io.logjms.protocol;

/** The request, response and push types of the protocol. Ids are stable on the wire. */
public enum ApiKey {
    HANDSHAKE(1),
    METADATA(2),
    CREATE_DESTINATION(3),
    DESCRIBE_DESTINATION(4),
    DELETE_DESTINATION(5),
    PRODUCE(6),
    FETCH(7),
    SUBSCRIBE(8),
    CREDIT(9),
    DELIVER(10),
    UNSUBSCRIBE(11),
    /** Broker push telling a client that one of its subscriptions ended (destination deleted, error). */
    SUBSCRIPTION_CLOSED(12),
    /** Sets the JMS client id of the connection; refused when another connection holds it. */
    SET_CLIENT_ID(13),
    /** Acknowledges delivered records of a subscription (request, or one-way when batched). */
    ACK(14),
    /** Gives delivered records back to the subscription for redelivery (recover, rollback, close). */
    RELEASE(15),
    /** Commits a transacted session: its sends and its acknowledgements, atomically. */
    COMMIT(16),
    /** Reads a queue's pending records without consuming them. */
    BROWSE(17),
    /** Deletes a durable subscription of this connection's client id. */
    DELETE_SUBSCRIPTION(18),
    /** Moves a subscription's cursors (log extension: replay and skip). */
    SEEK(19),
    /** The next offset a subscription will deliver, by partition. */
    POSITIONS(20),
    /** Admin: the subscriptions of the broker, optionally of one destination. */
    LIST_SUBSCRIPTIONS(21),
    /** Admin: per partition log start, log end, committed position and lag of a subscription. */
    DESCRIBE_SUBSCRIPTION(22),
    /** Admin: moves a durable subscription's committed position (refused while it has consumers unless forced). */
    RESET_SUBSCRIPTION(23),
    /** Admin: changes per-destination settings where that is safe. */
    ALTER_DESTINATION(24),
    /**
     * Ends the connection gracefully: the broker releases what the connection held (client id, consumers,
     * temporary destinations) before it answers, so a new connection may take the same client id at once.
     */
    CLOSE(25),
    /**
     * Heartbeat: an empty request the broker answers at once. An idle client sends one so that a broker
     * that stopped answering (paused, network gone) is noticed within the request timeout.
     */
    PING(26),
    /**
     * Gives a producing session its producer id and epoch (or, for a known id, the next epoch), which it stamps
     * on every batch with a per-partition sequence so the broker can drop duplicates.
     */
    INIT_PRODUCER(27),
    /**
     * Broker to broker: a follower (or a leader taking over) reads whole batches of one partition from a replica,
     * reporting how far its own copy is durable; see {@code docs/CLUSTER.md}, "Replication".
     */
    REPLICA_FETCH(28),
    /** Broker to broker: a replica promises durably to accept no leader epoch below the one asked for. */
    EPOCH_PROMISE(29),
    /** Admin: the cluster's name, controller and members (a standalone broker answers as a cluster of one). */
    CLUSTER_DESCRIBE(30),
    /** XA: starts (TMNOFLAGS) a branch with its timeout, or joins (TMJOIN) or resumes (TMRESUME) one. */
    XA_START(32),
    /** XA: ends an association (TMSUCCESS, TMFAIL, TMSUSPEND), carrying the sends and acknowledgements it made. */
    XA_END(33),
    /** XA: makes a branch durable with its Xid; answers XA_OK, or XA_RDONLY for a branch with no work. */
    XA_PREPARE(34),
    /** XA: commits a prepared branch, or (TMONEPHASE) an ended one without prepare. */
    XA_COMMIT(35),
    /** XA: rolls a branch back, prepared or not. */
    XA_ROLLBACK(36),
    /** XA: the Xids of the branches prepared and not yet decided. */
    XA_RECOVER(37),
    /** XA: forgets a heuristically completed branch (the broker takes no heuristic decisions). */
    XA_FORGET(38),
    /**
     * Replaces the partitions an attachment of this connection covers (cluster: those this broker leads); answered
     * like SUBSCRIBE, with the positions of the partitions now covered.
     */
    SUBSCRIPTION_PARTITIONS(39),
    /** Broker push: this broker no longer leads these partitions of an attachment; the attachment stays for the rest. */
    PARTITIONS_LOST(40),
    /** Broker to broker: the subscriptions open on the answering broker, with its consumers (no definitions). */
    PEER_LIST_SUBSCRIPTIONS(41),
    /** Broker to broker: a subscription's progress as the answering broker alone has it. */
    PEER_DESCRIBE_SUBSCRIPTION(42),
    /** Broker to broker: moves a subscription's position on the answering broker (the partitions it leads). */
    PEER_RESET_SUBSCRIPTION(43),
    /**
     * A transacted session's commit whose partitions are led by different brokers, sent to the transaction's
     * coordinator (the leader of its transaction-log partition) with the transaction's id; a retry with the same id
     * is answered from the transaction log. See {@code docs/CLUSTER.md}, "Transactions in a cluster".
     */
    TXN_COMMIT(44),
    /**
     * Broker to broker: the coordinator has a participant partition's leader check (before the decision) or apply
     * (after it, idempotently) its part of a transaction.
     */
    TXN_APPLY(45),
    /** Which subscription (stable id and destination) each of this connection's attachments belongs to. */
    TXN_ACK_TARGETS(46),
    /**
     * Broker to broker: a participant that has held records for a transaction longer than the hold timeout asks the
     * transaction's coordinator how it ended; an undecided transaction is aborted for good by the question.
     */
    TXN_RESOLVE(47);

    private static final ApiKey[] BY_ID = new ApiKey[64];

    static {
        for (ApiKey k : values()) {
            BY_ID[k.id] = k;
        }
    }

    private final short id;

    ApiKey(int id) {
        this.id = (short) id;
    }

    public short id() {
        return id;
    }

    /** The key with that id, or null when this version of the protocol has none. */
    public static ApiKey fromId(short id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
