package io.logjms.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageHeadersCodecTest {

    /** Format 1, body NONE, PERSISTENT priority 4, no flags, no properties. */
    private static final byte[] MINIMAL = {1, 0, 0x24, 0, 0};

    @Test
    void encodesDefaultHeadersInFiveBytes() {
        assertThat(MessageHeadersCodec.encode(new MessageHeaders())).containsExactly(MINIMAL);
        assertThat(MessageHeadersCodec.decode(MINIMAL)).isEqualTo(new MessageHeaders());
    }

    @Test
    void rejectsEmptyInput() {
        assertMalformed(new byte[0], "truncated");
    }

    @Test
    void rejectsAnotherFormatVersion() {
        assertMalformed(new byte[] {2, 0, 0x24, 0, 0}, "format version 2");
    }

    @Test
    void rejectsUnknownCodes() {
        assertMalformed(new byte[] {1, 9, 0x24, 0, 0}, "body type");
        assertMalformed(new byte[] {1, 0, 0x34, 0, 0}, "delivery mode");
        assertMalformed(new byte[] {1, 0, 0x2A, 0, 0}, "priority");
        assertMalformed(new byte[] {1, 0, 0x24, (byte) 0x80, 0x10, 0}, "unknown header flags");
        assertMalformed(new byte[] {1, 0, 0x24, (byte) 0x80, 0x01, 7, 'q', 0}, "destination kind");
    }

    @Test
    void rejectsACorrelationIdThatIsBothStringAndBytes() {
        assertMalformed(new byte[] {1, 0, 0x24, 0x0C, 1, 'a', 1, 'b', 0}, "both");
    }

    @Test
    void rejectsAnOverlongVarint() {
        assertMalformed(new byte[] {1, 0, 0x24, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F, 0},
                "32 bits");
    }

    @Test
    void rejectsAStringLongerThanTheInput() {
        assertMalformed(new byte[] {1, 0, 0x24, 0x01, 50, 'a', 0}, "exceeds");
    }

    @Test
    void rejectsAPropertyCountTheInputCannotHold() {
        assertMalformed(new byte[] {1, 0, 0x24, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07},
                "property count");
    }

    @Test
    void rejectsInvalidUtf8() {
        assertMalformed(new byte[] {1, 0, 0x24, 0x01, 2, (byte) 0xC0, (byte) 0x80, 0}, "UTF-8");
        assertMalformed(new byte[] {1, 0, 0x24, 0x01, 3, (byte) 0xED, (byte) 0xA0, (byte) 0x80, 0}, "UTF-8");
    }

    @Test
    void rejectsDuplicatePropertiesAndBodyOnlyValueTypes() {
        assertMalformed(new byte[] {1, 0, 0x24, 0, 2, 1, 'p', 0, 1, 'p', 2}, "duplicate property p");
        assertMalformed(new byte[] {1, 0, 0x24, 0, 1, 1, 'p', 11, 0}, "byte array");
        assertMalformed(new byte[] {1, 0, 0x24, 0, 1, 1, 'p', 5, 0, 65}, "character");
        assertMalformed(new byte[] {1, 0, 0x24, 0, 1, 1, 'p', 42}, "value tag 42");
    }

    @Test
    void keepsAByteCorrelationIdAsBytes() {
        MessageHeaders headers = new MessageHeaders();
        headers.setCorrelationIdBytes(new byte[] {0, -1, 7});

        MessageHeaders decoded = MessageHeadersCodec.decode(MessageHeadersCodec.encode(headers));

        assertThat(decoded.hasByteCorrelationId()).isTrue();
        assertThat(decoded.getCorrelationIdAsBytes()).containsExactly(0, -1, 7);
    }

    @Test
    void encodesAnUnpairedSurrogateAsQuestionMark() {
        MessageHeaders headers = new MessageHeaders();
        headers.setType("a\uD800b");

        assertThat(MessageHeadersCodec.decode(MessageHeadersCodec.encode(headers)).getType()).isEqualTo("a?b");
        assertThat(Utf8.encodedLength("a\uD800b")).isEqualTo("a?b".getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void refusesATargetArrayThatIsTooSmall() {
        assertThatThrownBy(() -> MessageHeadersCodec.encode(new MessageHeaders(), new byte[6], 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("need 5 bytes");
    }

    @Test
    void peeksTheBodyTypeWithoutDecoding() {
        byte[] encoded = MessageHeadersCodec.encode(new MessageHeaders(BodyType.STREAM));

        assertThat(MessageHeadersCodec.peekBodyType(encoded, 0, 2)).isEqualTo(BodyType.STREAM);
    }

    @Test
    void rejectsMalformedBodies() {
        assertThatThrownBy(() -> TextBodyCodec.decode(new byte[] {3, 'a'}))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("text body format version 3");
        assertThatThrownBy(() -> TextBodyCodec.decode(new byte[] {1, (byte) 0xFF}))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> MapBodyCodec.decode(new byte[] {1, 2, 1, 'k', 0, 1, 'k', 0}))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("duplicate map entry k");
        assertThatThrownBy(() -> MapBodyCodec.decode(new byte[] {1, 1, 0, 0, 0}))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("empty map entry name");
        assertThatThrownBy(() -> StreamBodyCodec.decode(new byte[] {1, 2, 0}))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("stream value count");
    }

    @Test
    void distinguishesNullTextFromEmptyText() {
        assertThat(TextBodyCodec.encode(null)).isEmpty();
        assertThat(TextBodyCodec.decode(TextBodyCodec.encode(""))).isEmpty();
        assertThat(TextBodyCodec.decode(new byte[0])).isNull();
    }

    private static void assertMalformed(byte[] bytes, String expectedMessagePart) {
        assertThatThrownBy(() -> MessageHeadersCodec.decode(bytes))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining(expectedMessagePart);
    }
}
