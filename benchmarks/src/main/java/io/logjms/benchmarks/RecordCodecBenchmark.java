package io.logjms.benchmarks;

import io.logjms.protocol.message.BodyType;
import io.logjms.protocol.message.DestinationKind;
import io.logjms.protocol.message.DestinationRef;
import io.logjms.protocol.message.MessageHeaders;
import io.logjms.protocol.message.MessageHeadersCodec;
import io.logjms.protocol.record.Record;
import io.logjms.protocol.record.RecordBatch;
import io.logjms.protocol.record.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The record codec on its hot paths, per record of a 16-record batch of 1 KiB bodies with the headers a
 * JMS send stamps (message id, timestamp, destination, two properties): the client encoding headers
 * and building a batch; the broker validating a batch (CRC32C) and reading the delivery fields of each
 * record without decoding the rest; a consumer decoding every record's headers. Run with
 * {@code -prof gc} to see the allocation per record.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@State(Scope.Thread)
public class RecordCodecBenchmark {
    static final int RECORDS = 16;

    private MessageHeaders headers;
    private byte[] body;
    private ByteBuffer batch;

    @Setup(Level.Trial)
    public void prepare() {
        headers = new MessageHeaders();
        headers.setBodyType(BodyType.BYTES);
        headers.setMessageId("ID:conn-1-42-1-17");
        headers.setTimestamp(System.currentTimeMillis());
        headers.setDestination(new DestinationRef(DestinationKind.TOPIC, "orders"));
        headers.setProperty("region", "eu-west");
        headers.setProperty("amount", 1234L);
        body = new byte[1024];
        new SplittableRandom(7).nextBytes(body);
        batch = buildBatch();
    }

    private ByteBuffer buildBatch() {
        RecordBatchBuilder builder = new RecordBatchBuilder(RECORDS * (body.length + 128));
        for (int i = 0; i < RECORDS; i++) {
            builder.append(headers.getTimestamp(), null, MessageHeadersCodec.encode(headers), body);
        }
        return builder.build();
    }

    /** The client: headers encoded and appended to a batch, per record. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public ByteBuffer encodeBatch() {
        return buildBatch();
    }

    /** The broker on append: the whole-batch check (sizes, CRC32C), per record. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void validateBatch() {
        RecordBatch.of(batch.duplicate()).validate();
    }

    /** The broker on dispatch: priority, expiration and delivery time of each record. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void peekDeliveryFields(Blackhole hole) {
        Iterator<Record> records = RecordBatch.of(batch.duplicate()).records();
        while (records.hasNext()) {
            byte[] h = Record.toArray(records.next().headers());
            hole.consume(MessageHeadersCodec.peekDeliveryFields(h, 0, h.length));
        }
    }

    /** A consumer: every record's headers decoded into a new MessageHeaders. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void decodeHeaders(Blackhole hole) {
        Iterator<Record> records = RecordBatch.of(batch.duplicate()).records();
        while (records.hasNext()) {
            byte[] h = Record.toArray(records.next().headers());
            hole.consume(MessageHeadersCodec.decode(h));
        }
    }
}
