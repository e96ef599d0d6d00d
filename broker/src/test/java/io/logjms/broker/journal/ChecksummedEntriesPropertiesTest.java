package io.logjms.broker.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Whatever happens to the tail of a file of entries, a reader recovers a prefix of what was written. */
class ChecksummedEntriesPropertiesTest {

    private static ByteBuffer writeAll(List<byte[]> payloads) {
        ByteBuffer out = ByteBuffer.allocate(payloads.stream().mapToInt(p -> ChecksummedEntries.sizeOf(p.length)).sum());
        payloads.forEach(p -> ChecksummedEntries.write(out, ByteBuffer.wrap(p)));
        return out.flip();
    }

    private static List<byte[]> read(ByteBuffer bytes, ChecksummedEntries.Scan[] scan) {
        List<byte[]> read = new ArrayList<>();
        scan[0] = ChecksummedEntries.scan(bytes, payload -> {
            byte[] copy = new byte[payload.remaining()];
            payload.get(copy);
            read.add(copy);
        });
        return read;
    }

    /** The number of whole entries in the first {@code cut} bytes. */
    private static int wholeEntriesIn(List<byte[]> payloads, int cut) {
        int end = 0;
        int n = 0;
        for (byte[] p : payloads) {
            end += ChecksummedEntries.sizeOf(p.length);
            if (end > cut) {
                break;
            }
            n++;
        }
        return n;
    }

    @Property(tries = 300)
    void aCutAtAnyByteRecoversExactlyTheWholeEntriesBeforeIt(
            @ForAll @Size(min = 0, max = 12) List<@Size(min = 1, max = 40) byte[]> payloads,
            @ForAll @IntRange(min = 0, max = 1_000_000) int cutSeed) {
        ByteBuffer all = writeAll(payloads);
        int cut = cutSeed % (all.limit() + 1);
        ChecksummedEntries.Scan[] scan = new ChecksummedEntries.Scan[1];

        List<byte[]> read = read(all.duplicate().limit(cut), scan);

        int whole = wholeEntriesIn(payloads, cut);
        assertThat(read).hasSize(whole);
        for (int i = 0; i < whole; i++) {
            assertThat(read.get(i)).isEqualTo(payloads.get(i));
        }
        assertThat(scan[0].entries()).isEqualTo(whole);
        assertThat(scan[0].validBytes()).isEqualTo(payloads.subList(0, whole).stream()
                .mapToInt(p -> ChecksummedEntries.sizeOf(p.length)).sum());
        assertThat(scan[0].clean()).isEqualTo(scan[0].validBytes() == cut);
    }

    @Property(tries = 300)
    void aDamagedByteLeavesAPrefixOfWhatWasWritten(
            @ForAll @Size(min = 1, max = 12) List<@Size(min = 1, max = 40) byte[]> payloads,
            @ForAll @IntRange(min = 0, max = 1_000_000) int atSeed,
            @ForAll @IntRange(min = 1, max = 255) int flip) {
        ByteBuffer all = writeAll(payloads);
        int at = atSeed % all.limit();
        all.put(at, (byte) (all.get(at) ^ flip));
        ChecksummedEntries.Scan[] scan = new ChecksummedEntries.Scan[1];

        List<byte[]> read = read(all, scan);

        int before = wholeEntriesIn(payloads, at);
        assertThat(read).as("the entries before the damaged one, and none after it").hasSize(before);
        for (int i = 0; i < read.size(); i++) {
            assertThat(read.get(i)).isEqualTo(payloads.get(i));
        }
        assertThat(scan[0].clean()).isFalse();
    }

    @Property(tries = 100)
    void anEntrySealedInPlaceIsTheSameAsOneWrittenWhole(@ForAll @Size(min = 1, max = 64) byte[] payload) {
        ByteBuffer whole = ChecksummedEntries.entry(payload);
        ByteBuffer inPlace = ByteBuffer.allocate(ChecksummedEntries.sizeOf(payload.length) + 5).position(5);
        int start = ChecksummedEntries.begin(inPlace);
        inPlace.put(payload);
        ChecksummedEntries.seal(inPlace, start, new CRC32C());

        assertThat(inPlace.flip().position(5)).isEqualTo(whole);
        assertThat(ChecksummedEntries.intactEntryAt(inPlace, 5)).isEqualTo(whole.limit());
        assertThat(ChecksummedEntries.intactEntryAt(inPlace, 6)).isEqualTo(-1);
    }
}
