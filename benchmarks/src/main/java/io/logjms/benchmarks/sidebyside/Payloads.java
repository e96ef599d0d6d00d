package io.logjms.benchmarks.sidebyside;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/** Message bodies: random bytes from a fixed seed, so every system gets the same bytes. */
final class Payloads {
    static final long SEED = 0x10C_1A5L;

    private final byte[] payload;

    Payloads(int size) {
        payload = new byte[size];
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) random.nextInt(256);
        }
    }

    /** The shared body. Clients must not change it. */
    byte[] payload() {
        return payload;
    }

    int size() {
        return payload.length;
    }

    /** A copy of the body whose first 8 bytes hold {@code stamp}, big-endian. */
    byte[] stamped(long stamp) {
        byte[] copy = payload.clone();
        ByteBuffer.wrap(copy).putLong(0, stamp);
        return copy;
    }
}
