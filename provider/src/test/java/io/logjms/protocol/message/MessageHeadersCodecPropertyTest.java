package io.logjms.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class MessageHeadersCodecPropertyTest {

    @Provide
    Arbitrary<MessageHeaders> headers() {
        return WireArbitraries.headers();
    }

    @Property(tries = 400)
    void decodeInvertsEncode(@ForAll("headers") MessageHeaders headers) {
        byte[] encoded = MessageHeadersCodec.encode(headers);

        assertThat(encoded).hasSize(MessageHeadersCodec.encodedLength(headers));
        MessageHeaders decoded = MessageHeadersCodec.decode(encoded);
        assertThat(decoded).isEqualTo(headers);
        assertThat(decoded.properties().keySet()).containsExactlyElementsOf(headers.properties().keySet());
        assertThat(decoded.hasByteCorrelationId()).isEqualTo(headers.hasByteCorrelationId());
    }

    @Property(tries = 100)
    void encodesAtAnOffsetAndDecodesIntoAReusedObject(@ForAll("headers") MessageHeaders headers,
            @ForAll("headers") MessageHeaders previous, @ForAll @IntRange(max = 9) int offset) {
        byte[] buffer = new byte[offset + MessageHeadersCodec.encodedLength(headers) + 3];
        int end = MessageHeadersCodec.encode(headers, buffer, offset);
        MessageHeaders reused = previous.copy();

        MessageHeadersCodec.decodeInto(buffer, offset, end - offset, reused);

        assertThat(reused).isEqualTo(headers);
        assertThat(MessageHeadersCodec.peekBodyType(buffer, offset, end - offset)).isEqualTo(headers.getBodyType());
    }

    @Property(tries = 150)
    void everyTruncationIsMalformed(@ForAll("headers") MessageHeaders headers) {
        byte[] encoded = MessageHeadersCodec.encode(headers);
        for (int length = 0; length < encoded.length; length++) {
            int truncatedLength = length;
            assertThatThrownBy(() -> MessageHeadersCodec.decode(encoded, 0, truncatedLength))
                    .as("truncated to %d of %d bytes", length, encoded.length)
                    .isInstanceOf(MalformedMessageException.class);
        }
    }

    @Property(tries = 300)
    void corruptedBytesDecodeOrFailAsMalformed(@ForAll("headers") MessageHeaders headers,
            @ForAll @IntRange(max = 10_000) int position, @ForAll byte replacement) {
        byte[] encoded = MessageHeadersCodec.encode(headers);
        encoded[position % encoded.length] = replacement;

        Throwable thrown = catchThrowable(() -> MessageHeadersCodec.decode(encoded));

        if (thrown != null) {
            assertThat(thrown).isInstanceOf(MalformedMessageException.class);
        }
    }

    @Property(tries = 200)
    void trailingBytesAreMalformed(@ForAll("headers") MessageHeaders headers, @ForAll byte extra) {
        byte[] encoded = MessageHeadersCodec.encode(headers);
        byte[] longer = java.util.Arrays.copyOf(encoded, encoded.length + 1);
        longer[encoded.length] = extra;

        assertThatThrownBy(() -> MessageHeadersCodec.decode(longer))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("trailing");
    }
}
