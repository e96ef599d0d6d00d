package io.logjms.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    private static ByteBuf frame(ApiKey api, int correlationId, byte[] body) {
        ByteBuf buf = Frames.start(ByteBufAllocator.DEFAULT, api, FrameKind.REQUEST, correlationId);
        buf.writeBytes(body);
        return Frames.finish(buf);
    }

    @Test
    void decodesFramesSplitAtEveryByte() {
        ByteBuf whole = Unpooled.buffer();
        ByteBuf one = frame(ApiKey.METADATA, 7, new byte[] {1, 2, 3});
        ByteBuf two = frame(ApiKey.FETCH, 8, new byte[0]);
        whole.writeBytes(one).writeBytes(two);
        one.release();
        two.release();
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(1024));
        while (whole.isReadable()) {
            ch.writeInbound(whole.readRetainedSlice(1));
        }
        whole.release();
        Frame first = ch.readInbound();
        Frame second = ch.readInbound();
        assertThat(first.apiKey()).isEqualTo(ApiKey.METADATA);
        assertThat(first.correlationId()).isEqualTo(7);
        assertThat(first.kind()).isEqualTo(FrameKind.REQUEST);
        assertThat(first.body().readableBytes()).isEqualTo(3);
        assertThat(second.apiKey()).isEqualTo(ApiKey.FETCH);
        assertThat(second.body().readableBytes()).isZero();
        first.release();
        second.release();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void rejectsOversizeLengthBeforeTheBodyArrives() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(1024));
        ByteBuf header = Unpooled.buffer().writeInt(1025 + 10);
        assertThatThrownBy(() -> ch.writeInbound(header)).isInstanceOf(TooLongFrameException.class);
        ch.finishAndReleaseAll();
    }

    @Test
    void rejectsFrameShorterThanItsHeader() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(1024));
        ByteBuf tiny = Unpooled.buffer().writeInt(3).writeBytes(new byte[] {0, 1, 0});
        assertThatThrownBy(() -> ch.writeInbound(tiny))
                .isInstanceOf(DecoderException.class)
                .hasCauseInstanceOf(MalformedFrameException.class);
        ch.finishAndReleaseAll();
    }

    @Test
    void rejectsUnknownFrameKind() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(1024));
        ByteBuf bad = Unpooled.buffer().writeInt(7).writeShort(1).writeByte(9).writeInt(1);
        assertThatThrownBy(() -> ch.writeInbound(bad)).hasRootCauseInstanceOf(MalformedFrameException.class);
        ch.finishAndReleaseAll();
    }

    @Test
    void keepsUnknownApiKeyForTheErrorReply() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(1024));
        ch.writeInbound(Unpooled.buffer().writeInt(7).writeShort(999).writeByte(0).writeInt(5));
        Frame f = ch.readInbound();
        assertThat(f.apiKey()).isNull();
        assertThat(f.rawApiKey()).isEqualTo((short) 999);
        assertThat(f.correlationId()).isEqualTo(5);
        f.release();
        ch.finishAndReleaseAll();
    }
}
