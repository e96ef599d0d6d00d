package io.logjms.protocol.message;

import static io.logjms.protocol.message.WireAssertions.assertSameEntries;
import static io.logjms.protocol.message.WireAssertions.assertSameValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class BodyCodecPropertyTest {

    @Provide
    Arbitrary<Map<String, Object>> maps() {
        return Arbitraries.maps(WireArbitraries.nonEmptyStrings(), WireArbitraries.bodyValues()).ofMaxSize(15);
    }

    @Provide
    Arbitrary<List<Object>> streams() {
        return WireArbitraries.bodyValues().list().ofMaxSize(20);
    }

    @Provide
    Arbitrary<String> texts() {
        return WireArbitraries.strings().injectNull(0.1);
    }

    @Property(tries = 300)
    void mapBodyRoundTrips(@ForAll("maps") Map<String, Object> map) {
        assertSameEntries(MapBodyCodec.decode(MapBodyCodec.encode(map)), map);
    }

    @Property(tries = 300)
    void streamBodyRoundTrips(@ForAll("streams") List<Object> values) {
        assertSameValues(StreamBodyCodec.decode(StreamBodyCodec.encode(values)), values);
    }

    @Property(tries = 200)
    void textBodyRoundTrips(@ForAll("texts") String text) {
        assertThat(TextBodyCodec.decode(TextBodyCodec.encode(text))).isEqualTo(text);
    }

    /** Length 0 is the defined encoding of an empty map, so truncation is checked from one byte on. */
    @Property(tries = 100)
    void everyTruncatedMapBodyIsMalformed(@ForAll("maps") Map<String, Object> map) {
        byte[] body = MapBodyCodec.encode(map);
        for (int length = 1; length < body.length; length++) {
            int truncatedLength = length;
            assertThatThrownBy(() -> MapBodyCodec.decode(body, 0, truncatedLength))
                    .as("truncated to %d of %d bytes", length, body.length)
                    .isInstanceOf(MalformedMessageException.class);
        }
    }

    @Property(tries = 100)
    void everyTruncatedStreamBodyIsMalformed(@ForAll("streams") List<Object> values) {
        byte[] body = StreamBodyCodec.encode(values);
        for (int length = 1; length < body.length; length++) {
            int truncatedLength = length;
            assertThatThrownBy(() -> StreamBodyCodec.decode(body, 0, truncatedLength))
                    .as("truncated to %d of %d bytes", length, body.length)
                    .isInstanceOf(MalformedMessageException.class);
        }
    }

    @Property(tries = 300)
    void corruptedBodiesDecodeOrFailAsMalformed(@ForAll("maps") Map<String, Object> map,
            @ForAll("streams") List<Object> values, @ForAll @IntRange(max = 10_000) int position,
            @ForAll byte replacement) {
        byte[] mapBody = MapBodyCodec.encode(map);
        byte[] streamBody = StreamBodyCodec.encode(values);
        if (mapBody.length > 0) {
            mapBody[position % mapBody.length] = replacement;
        }
        if (streamBody.length > 0) {
            streamBody[position % streamBody.length] = replacement;
        }

        assertOnlyMalformed(catchThrowable(() -> MapBodyCodec.decode(mapBody)));
        assertOnlyMalformed(catchThrowable(() -> StreamBodyCodec.decode(streamBody)));
    }

    @Property(tries = 300)
    void randomBytesDecodeOrFailAsMalformed(@ForAll byte[] bytes) {
        assertOnlyMalformed(catchThrowable(() -> MapBodyCodec.decode(bytes)));
        assertOnlyMalformed(catchThrowable(() -> StreamBodyCodec.decode(bytes)));
        assertOnlyMalformed(catchThrowable(() -> TextBodyCodec.decode(bytes)));
        assertOnlyMalformed(catchThrowable(() -> MessageHeadersCodec.decode(bytes)));
    }

    private static void assertOnlyMalformed(Throwable thrown) {
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(MalformedMessageException.class);
        }
    }
}
