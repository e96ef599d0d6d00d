package io.logjms.protocol.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.protocol.InvalidRequestException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The broker-to-broker requests REPLICA_FETCH and EPOCH_PROMISE: round trips and refused field values. */
class ReplicaRequestsCodecTest {

    private static <T> T roundTrip(Consumer<ByteBuf> writer, Function<ByteBuf, T> reader) {
        ByteBuf buf = Unpooled.buffer();
        try {
            writer.accept(buf);
            T read = reader.apply(buf);
            assertThat(buf.readableBytes()).as("bytes left over").isZero();
            return read;
        } finally {
            buf.release();
        }
    }

    private static void refused(Consumer<ByteBuf> writer, Function<ByteBuf, ?> reader, String field) {
        ByteBuf buf = Unpooled.buffer();
        try {
            writer.accept(buf);
            assertThatThrownBy(() -> reader.apply(buf)).isInstanceOf(InvalidRequestException.class)
                    .satisfies(e -> assertThat(((InvalidRequestException) e).field()).isEqualTo(field));
        } finally {
            buf.release();
        }
    }

    @Test
    void everyFieldSurvivesTheWire() {
        ReplicaFetchRequest fetch = new ReplicaFetchRequest(2, "topic.orders", 3, ReplicaFetchRequest.CATCH_UP, 7,
                1234, 6, 1200, 1 << 20, 500);
        assertThat(roundTrip(fetch::writeTo, ReplicaFetchRequest::readFrom)).isEqualTo(fetch);
        ReplicaFetchResponseHeader header = new ReplicaFetchResponseHeader(7, 1100, 0, 1300, 5, 1000, 0);
        assertThat(roundTrip(header::writeTo, ReplicaFetchResponseHeader::readFrom)).isEqualTo(header);
        assertThat(header.diverging()).isTrue();
        EpochPromiseRequest promise = new EpochPromiseRequest(3, "queue.jobs", 0, 9);
        assertThat(roundTrip(promise::writeTo, EpochPromiseRequest::readFrom)).isEqualTo(promise);
        EpochPromiseResponse answer = new EpochPromiseResponse(9, -1, 0, 0);
        assertThat(roundTrip(answer::writeTo, EpochPromiseResponse::readFrom)).isEqualTo(answer);
    }

    @Test
    void fieldsOutOfRangeAreRefusedByName() {
        refused(new ReplicaFetchRequest(1, "t", 0, (byte) 2, 1, 0, -1, 0, 10, 0)::writeTo,
                ReplicaFetchRequest::readFrom, "mode");
        refused(new ReplicaFetchRequest(1, "t", 0, ReplicaFetchRequest.FOLLOW, 1, 0, -3, 0, 10, 0)::writeTo,
                ReplicaFetchRequest::readFrom, "last fetched epoch");
        refused(new ReplicaFetchRequest(1, "", 0, ReplicaFetchRequest.FOLLOW, 1, 0, -1, 0, 10, 0)::writeTo,
                ReplicaFetchRequest::readFrom, "topic");
        refused(new ReplicaFetchRequest(1, "t", 0, ReplicaFetchRequest.FOLLOW, -1, 0, -1, 0, 10, 0)::writeTo,
                ReplicaFetchRequest::readFrom, "leader epoch");
        refused(new EpochPromiseRequest(1, "t", 0, -4)::writeTo, EpochPromiseRequest::readFrom, "epoch");
        refused(new EpochPromiseRequest(1, null, 0, 4)::writeTo, EpochPromiseRequest::readFrom, "topic");
    }
}
