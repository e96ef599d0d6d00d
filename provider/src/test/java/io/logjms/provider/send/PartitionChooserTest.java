package io.logjms.provider.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.protocol.DestinationId;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PartitionChooserTest {
    private static final DestinationId ORDERS = DestinationId.queue("orders");
    private static final DestinationId PRICES = DestinationId.topic("prices");

    @Test
    void murmur2MatchesThePublishedTestVectors() {
        assertThat(Murmur2.hash("21".getBytes(StandardCharsets.UTF_8))).isEqualTo(-973932308);
        assertThat(Murmur2.hash("foobar".getBytes(StandardCharsets.UTF_8))).isEqualTo(-790332482);
        assertThat(Murmur2.hash("a-little-bit-long-string".getBytes(StandardCharsets.UTF_8))).isEqualTo(-985981536);
        assertThat(Murmur2.hash("a-little-bit-longer-string".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1486304829);
        assertThat(Murmur2.hash(new byte[] {'a', 'b', 'c'})).isEqualTo(479470107);
    }

    @Property
    void aKeyAlwaysMapsToTheSamePartitionInRange(@ForAll byte[] key, @ForAll @IntRange(min = 1, max = 64) int partitions) {
        PartitionChooser a = new PartitionChooser(new AtomicInteger()::getAndIncrement);
        PartitionChooser b = new PartitionChooser(new AtomicInteger(5)::getAndIncrement);
        int chosen = a.choose(ORDERS, key, partitions);
        assertThat(chosen).isBetween(0, partitions - 1).isEqualTo(b.choose(ORDERS, key, partitions));
    }

    @Test
    void unkeyedSendsOfASessionStayOnOnePartitionPerDestination() {
        PartitionChooser chooser = new PartitionChooser(new AtomicInteger(1)::getAndIncrement);
        int first = chooser.choose(ORDERS, null, 8);
        for (int i = 0; i < 100; i++) {
            assertThat(chooser.choose(ORDERS, null, 8)).isEqualTo(first);
        }
        assertThat(chooser.choose(PRICES, null, 8)).isNotEqualTo(first);
    }

    @Test
    void sessionsSpreadTheirPinsRoundRobin() {
        AtomicInteger counter = new AtomicInteger();
        Set<Integer> pins = new HashSet<>();
        for (int s = 0; s < 4; s++) {
            pins.add(new PartitionChooser(counter::getAndIncrement).choose(ORDERS, null, 4));
        }
        assertThat(pins).containsExactlyInAnyOrder(0, 1, 2, 3);
    }

    @Test
    void keysSpreadOverThePartitionsAndASinglePartitionIsZero() {
        PartitionChooser chooser = new PartitionChooser(new AtomicInteger()::getAndIncrement);
        assertThat(chooser.choose(ORDERS, "k".getBytes(StandardCharsets.UTF_8), 1)).isZero();
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            used.add(chooser.choose(ORDERS, ("group-" + i).getBytes(StandardCharsets.UTF_8), 8));
        }
        assertThat(used).hasSize(8);
    }
}
