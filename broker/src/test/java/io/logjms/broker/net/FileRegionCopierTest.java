package io.logjms.broker.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRegionCopierTest {
    private static final long SEED = 77L;

    @TempDir
    Path dir;

    @Test
    void aFileRegionLeavesAsABufferHoldingItsBytesAndIsReleased() throws IOException {
        byte[] content = new byte[100_000];
        new Random(SEED).nextBytes(content);
        Path file = Files.write(dir.resolve("segment.log"), content);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        DefaultFileRegion region = new DefaultFileRegion(channel, 1_000, 50_000);
        EmbeddedChannel pipeline = new EmbeddedChannel(FileRegionCopier.INSTANCE);

        assertThat(pipeline.writeOutbound(region)).isTrue();

        ByteBuf copied = pipeline.readOutbound();
        try {
            assertThat(ByteBufUtil.getBytes(copied)).as("seed %d", SEED)
                    .isEqualTo(java.util.Arrays.copyOfRange(content, 1_000, 51_000));
        } finally {
            copied.release();
        }
        assertThat(region.refCnt()).isZero();
        assertThat(pipeline.finish()).isFalse();
    }
}
