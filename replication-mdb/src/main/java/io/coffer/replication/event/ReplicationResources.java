package io.coffer.replication.event;

/** The server resources replication uses; {@code server-config} creates them on every instance. */
public final class ReplicationResources {

    /** Connection factory of the ActiveMQ resource adapter (XA, so a send commits with the database write). */
    public static final String CONNECTION_FACTORY = "jms/coffer/ConnectionFactory";
    /** The topic every host subscribes to. */
    public static final String TOPIC = "jms/coffer/replication";
    /** The broker-side name of that topic; the MDB's activation config names it too. */
    public static final String TOPIC_PHYSICAL_NAME = "coffer.replication";

    public static final String STORE_PROPERTY = "store";
    public static final String EPOCH_PROPERTY = "epoch";
    public static final String SEQUENCE_PROPERTY = "seq";
    public static final String CAPTURED_AT_PROPERTY = "capturedAt";

    private ReplicationResources() {
    }
}
