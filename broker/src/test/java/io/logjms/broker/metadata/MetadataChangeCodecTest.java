package io.logjms.broker.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.protocol.DestinationNames;
import java.nio.ByteBuffer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class MetadataChangeCodecTest {

    @Provide
    Arbitrary<MetadataChange> changes() {
        Arbitrary<DestinationKey> keys = Combinators.combine(Arbitraries.of(DestinationKind.class),
                Arbitraries.strings().withChars("abcXYZ019._-").ofMinLength(1).ofMaxLength(40)
                        .filter(DestinationNames::isValid))
                .as(DestinationKey::new);
        Arbitrary<Long> retention = Arbitraries.longs().between(-1, Long.MAX_VALUE).injectNull(0.3);
        Arbitrary<Long> segment = Arbitraries.longs().between(1024, Long.MAX_VALUE).injectNull(0.3);
        Arbitrary<MetadataChange> putDestination = Combinators.combine(keys,
                        Arbitraries.integers().between(1, DestinationMetadata.MAX_PARTITIONS), retention, retention,
                        segment)
                .as((key, partitions, ms, bytes, seg) ->
                        new MetadataChange.PutDestination(new DestinationMetadata(key, partitions, ms, bytes, seg)));
        Arbitrary<MetadataChange> deleteDestination = keys.map(MetadataChange.DeleteDestination::new);
        Arbitrary<String> names = Arbitraries.strings().ofMinLength(1).ofMaxLength(30);
        Arbitrary<byte[]> values = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        Arbitrary<MetadataChange> putRecord = Combinators.combine(names, names, values)
                .as(MetadataChange.PutRecord::new);
        Arbitrary<MetadataChange> deleteRecord = Combinators.combine(names, names)
                .as(MetadataChange.DeleteRecord::new);
        return Arbitraries.oneOf(putDestination, deleteDestination, putRecord, deleteRecord);
    }

    @Property(tries = 300)
    void changesRoundTrip(@ForAll("changes") MetadataChange change) {
        MetadataChange decoded = MetadataChangeCodec.decode(ByteBuffer.wrap(MetadataChangeCodec.encode(change)));

        if (change instanceof MetadataChange.PutRecord put) {
            assertThat(decoded).isInstanceOfSatisfying(MetadataChange.PutRecord.class, d -> {
                assertThat(d.namespace()).isEqualTo(put.namespace());
                assertThat(d.key()).isEqualTo(put.key());
                assertThat(d.value()).isEqualTo(put.value());
            });
        } else {
            assertThat(decoded).isEqualTo(change);
        }
    }

    @Property(tries = 300)
    void everyShortenedEncodingIsReportedAsCorrupted(@ForAll("changes") MetadataChange change,
                                                     @ForAll @IntRange(min = 0, max = 100_000) int cut) {
        byte[] encoded = MetadataChangeCodec.encode(change);
        ByteBuffer shortened = ByteBuffer.wrap(encoded, 0, cut % encoded.length);

        assertThatThrownBy(() -> MetadataChangeCodec.decode(shortened))
                .isInstanceOf(MetadataCorruptedException.class);
    }

    @Property(tries = 300)
    void arbitraryBytesDecodeOrAreReportedAsCorrupted(@ForAll byte[] bytes) {
        try {
            assertThat(MetadataChangeCodec.decode(ByteBuffer.wrap(bytes))).isNotNull();
        } catch (MetadataCorruptedException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
