package io.logjms.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadableTest {

    @Test
    void durationsUseTheLargestExactUnit() {
        assertThat(Readable.millis(604_800_000L)).isEqualTo("7d");
        assertThat(Readable.millis(7_200_000L)).isEqualTo("2h");
        assertThat(Readable.millis(90_000L)).isEqualTo("90s");
        assertThat(Readable.millis(120_000L)).isEqualTo("2min");
        assertThat(Readable.millis(1_500L)).isEqualTo("1500ms");
        assertThat(Readable.millis(0)).isEqualTo("0ms");
        assertThat(Readable.millis(-1)).isEqualTo("unlimited");
    }

    @Test
    void sizesUseBinaryUnits() {
        assertThat(Readable.bytes(512)).isEqualTo("512 B");
        assertThat(Readable.bytes(1024)).isEqualTo("1 KiB");
        assertThat(Readable.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(Readable.bytes(134_217_728L)).isEqualTo("128 MiB");
        assertThat(Readable.bytes(1L << 30)).isEqualTo("1 GiB");
        assertThat(Readable.bytes(Long.MAX_VALUE)).isEqualTo("8 EiB");
        assertThat(Readable.bytes(-1)).isEqualTo("unlimited");
    }
}
