package io.logjms.broker.net;

import io.logjms.protocol.ApiKey;
import io.logjms.protocol.DestinationType;
import io.logjms.protocol.ProtocolVersion;
import io.logjms.protocol.api.SeekMode;
import io.logjms.protocol.api.StartPosition;
import io.logjms.protocol.api.SubscriptionKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Request bodies laid out field by field as {@code docs/PROTOCOL.md} describes them, each field either a
 * plausible value or an extreme one: null and empty strings, strings longer than the frame, negative and
 * huge lengths and counts, {@code Integer.MIN_VALUE}/{@code MAX_VALUE}, unknown enum codes. A body may
 * also be cut short or followed by stray bytes. All randomness comes from the given {@link Random}.
 */
final class FuzzBodies {
    /** Subscription id a connection's first SUBSCRIBE usually takes, so later requests find it. */
    static final int KNOWN_SUBSCRIPTION = 1;
    static final String QUEUE = "fuzz.q";
    static final String TOPIC = "fuzz.t";

    private final Random random;

    FuzzBodies(Random random) {
        this.random = random;
    }

    /** The body of a request of type {@code api}, fuzzed; maybe truncated or with trailing bytes. */
    byte[] body(ApiKey api) {
        ByteBuf out = Unpooled.buffer();
        switch (api) {
            case HANDSHAKE -> {
                out.writeShort(shortValue(ProtocolVersion.MIN));
                out.writeShort(shortValue(ProtocolVersion.MAX));
                string(out, "fuzz-client");
                string(out, "user");
                string(out, "secret");
                string(out, "fuzz/1.0");
            }
            case METADATA -> {
                int n = count(out, 2);
                for (int i = 0; i < n; i++) {
                    destination(out);
                }
                bool(out);
            }
            case CREATE_DESTINATION, ALTER_DESTINATION -> {
                destination(out);
                out.writeInt(int32(1, 2));
                stringMap(out);
            }
            case DESCRIBE_DESTINATION, DELETE_DESTINATION -> destination(out);
            case PRODUCE -> {
                destination(out);
                out.writeInt(int32(0, 1));
                batch(out);
            }
            case FETCH -> {
                destination(out);
                out.writeInt(int32(0, 1));
                out.writeLong(int64(0, 1));
                out.writeInt(int32(1024, 65_536));
            }
            case SUBSCRIBE -> subscribe(out);
            case CREDIT -> {
                out.writeInt(subscriptionId());
                out.writeInt(int32(1, 100));
            }
            case ACK -> {
                out.writeInt(subscriptionId());
                recordRefs(out);
            }
            case RELEASE -> {
                out.writeInt(subscriptionId());
                bool(out);
                recordRefs(out);
            }
            case UNSUBSCRIBE, POSITIONS -> out.writeInt(subscriptionId());
            case SET_CLIENT_ID, DELETE_SUBSCRIPTION, DESCRIBE_SUBSCRIPTION -> string(out, "fuzz-sub");
            case BROWSE -> {
                destination(out);
                string(out, "color = 'red'");
                out.writeInt(int32(1, 10));
                positions(out);
            }
            case SEEK -> {
                out.writeInt(subscriptionId());
                code(out, SeekMode.BEGINNING.code(), SeekMode.END.code(), SeekMode.TIMESTAMP.code(),
                        SeekMode.OFFSET.code());
                out.writeLong(int64(0, 1));
                out.writeInt(int32(-1, 0));
            }
            case LIST_SUBSCRIPTIONS -> {
                boolean has = random.nextBoolean();
                out.writeBoolean(has);
                if (has) {
                    destination(out);
                }
            }
            case RESET_SUBSCRIPTION -> {
                string(out, "durable/fuzz-client/fuzz-sub");
                code(out, SeekMode.BEGINNING.code(), SeekMode.END.code(), SeekMode.TIMESTAMP.code(),
                        SeekMode.OFFSET.code());
                out.writeLong(int64(0, 1));
                out.writeInt(int32(-1, 0));
                bool(out);
            }
            case COMMIT -> commit(out);
            case SUBSCRIPTION_PARTITIONS -> {
                out.writeInt(subscriptionId());
                int n = count(out, 2);
                for (int i = 0; i < n; i++) {
                    out.writeInt(int32(0, 1));
                }
            }
            case DELIVER, SUBSCRIPTION_CLOSED, PARTITIONS_LOST, CLOSE -> {
                // no request body: pushes are the broker's, CLOSE has none
            }
        }
        return damage(out);
    }

    /** A SUBSCRIBE of {@link #KNOWN_SUBSCRIPTION} to the fuzz topic, valid, so later requests reach it. */
    static void validSubscribe(ByteBuf out) {
        out.writeInt(KNOWN_SUBSCRIPTION);
        out.writeByte(DestinationType.TOPIC.code());
        writeString(out, TOPIC);
        out.writeByte(SubscriptionKind.NON_DURABLE.code());
        writeString(out, null);
        writeString(out, null);
        out.writeBoolean(false);
        out.writeByte(StartPosition.EARLIEST.code());
        out.writeLong(0);
        out.writeInt(10);
    }

    private void subscribe(ByteBuf out) {
        out.writeInt(subscriptionId());
        destination(out);
        code(out, SubscriptionKind.NON_DURABLE.code(), SubscriptionKind.DURABLE.code(),
                SubscriptionKind.SHARED_NON_DURABLE.code(), SubscriptionKind.SHARED_DURABLE.code(),
                SubscriptionKind.QUEUE.code());
        string(out, "fuzz-sub");
        string(out, "color = 'red'");
        bool(out);
        code(out, StartPosition.LATEST.code(), StartPosition.EARLIEST.code(), StartPosition.TIMESTAMP.code());
        out.writeLong(int64(0, System.currentTimeMillis()));
        out.writeInt(int32(1, 100));
    }

    private void commit(ByteBuf out) {
        int produces = count(out, 1);
        for (int i = 0; i < produces; i++) {
            destination(out);
            out.writeInt(int32(0, 1));
            batch(out);
        }
        int acks = count(out, 1);
        for (int i = 0; i < acks; i++) {
            out.writeInt(subscriptionId());
            recordRefs(out);
        }
    }

    private void recordRefs(ByteBuf out) {
        int n = count(out, 2);
        for (int i = 0; i < n; i++) {
            out.writeInt(int32(0, 1));
            out.writeLong(int64(0, 1));
        }
    }

    private void positions(ByteBuf out) {
        int n = count(out, 1);
        for (int i = 0; i < n; i++) {
            out.writeInt(int32(0, 1));
            out.writeLong(int64(0, 1));
        }
    }

    private void destination(ByteBuf out) {
        code(out, DestinationType.QUEUE.code(), DestinationType.TOPIC.code());
        string(out, QUEUE, TOPIC);
    }

    private void stringMap(ByteBuf out) {
        int pick = random.nextInt(6);
        short n = switch (pick) {
            case 0 -> (short) -1;
            case 1 -> Short.MIN_VALUE;
            case 2 -> Short.MAX_VALUE;
            default -> (short) random.nextInt(3);
        };
        out.writeShort(n);
        for (int i = 0; i < Math.min(Math.max(n, 0), 3); i++) {
            string(out, "retention.ms", "segment.bytes", "temporary", "unknown.setting");
            string(out, "1000", "-5", "true", "x");
        }
    }

    /** A record batch with its int32 length: a valid one, random bytes, or a length that lies. */
    private void batch(ByteBuf out) {
        byte[] bytes = switch (random.nextInt(4)) {
            case 0, 1 -> TestClient.textBatch("fuzz-" + random.nextInt(1000));
            case 2 -> randomBytes(random.nextInt(80));
            default -> new byte[0];
        };
        int length = switch (random.nextInt(6)) {
            case 0 -> -1;
            case 1 -> Integer.MIN_VALUE;
            case 2 -> Integer.MAX_VALUE;
            case 3 -> bytes.length + 1 + random.nextInt(10);
            default -> bytes.length;
        };
        out.writeInt(length);
        out.writeBytes(bytes);
    }

    private int subscriptionId() {
        return random.nextInt(3) == 0 ? int32(0, 2) : KNOWN_SUBSCRIPTION;
    }

    /** Writes a list count and returns how many items to write after it (never more than a few). */
    private int count(ByteBuf out, int plausible) {
        int n = switch (random.nextInt(7)) {
            case 0 -> -1;
            case 1 -> Integer.MIN_VALUE;
            case 2 -> Integer.MAX_VALUE;
            case 3 -> 1_000_000 + random.nextInt(1_000_000);
            default -> random.nextInt(plausible + 1);
        };
        out.writeInt(n);
        return Math.min(Math.max(n, 0), 3);
    }

    private void string(ByteBuf out, String... plausible) {
        switch (random.nextInt(9)) {
            case 0 -> out.writeShort(-1);
            case 1 -> writeString(out, "");
            case 2 -> writeString(out, "x".repeat(1 + random.nextInt(20_000)));
            case 3 -> writeString(out, randomText());
            case 4 -> out.writeShort(-2 - random.nextInt(Short.MAX_VALUE - 1));
            case 5 -> {
                out.writeShort(Short.MAX_VALUE);
                out.writeBytes(randomBytes(random.nextInt(16)));
            }
            case 6 -> {
                byte[] invalidUtf8 = {(byte) 0xc3, (byte) 0x28, (byte) 0xff, (byte) 0xfe};
                out.writeShort(invalidUtf8.length).writeBytes(invalidUtf8);
            }
            default -> writeString(out, plausible[random.nextInt(plausible.length)]);
        }
    }

    private void code(ByteBuf out, byte... valid) {
        int pick = random.nextInt(6);
        byte b = switch (pick) {
            case 0 -> (byte) -1;
            case 1 -> Byte.MAX_VALUE;
            case 2 -> (byte) random.nextInt(256);
            default -> valid[random.nextInt(valid.length)];
        };
        out.writeByte(b);
    }

    private void bool(ByteBuf out) {
        out.writeByte(random.nextInt(4) == 0 ? random.nextInt(256) : random.nextInt(2));
    }

    private int int32(int... plausible) {
        return switch (random.nextInt(8)) {
            case 0 -> Integer.MIN_VALUE;
            case 1 -> Integer.MAX_VALUE;
            case 2 -> -1;
            case 3 -> random.nextInt();
            case 4 -> -2 - random.nextInt(1000);
            default -> plausible[random.nextInt(plausible.length)];
        };
    }

    private long int64(long... plausible) {
        return switch (random.nextInt(8)) {
            case 0 -> Long.MIN_VALUE;
            case 1 -> Long.MAX_VALUE;
            case 2 -> -1;
            case 3 -> random.nextLong();
            case 4 -> -2 - random.nextInt(1000);
            default -> plausible[random.nextInt(plausible.length)];
        };
    }

    private short shortValue(short plausible) {
        return switch (random.nextInt(6)) {
            case 0 -> Short.MIN_VALUE;
            case 1 -> Short.MAX_VALUE;
            case 2 -> (short) -1;
            case 3 -> (short) random.nextInt();
            default -> plausible;
        };
    }

    /** Mostly the body as built; sometimes cut at a random byte, sometimes followed by stray bytes. */
    private byte[] damage(ByteBuf out) {
        byte[] body = new byte[out.readableBytes()];
        out.readBytes(body);
        return switch (random.nextInt(8)) {
            case 0 -> Arrays.copyOf(body, body.length == 0 ? 0 : random.nextInt(body.length));
            case 1 -> {
                byte[] more = Arrays.copyOf(body, body.length + 1 + random.nextInt(8));
                System.arraycopy(randomBytes(more.length - body.length), 0, more, body.length, more.length - body.length);
                yield more;
            }
            default -> body;
        };
    }

    private String randomText() {
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(12);
        for (int i = 0; i < n; i++) {
            int cp = random.nextInt(4) == 0 ? random.nextInt(0x10000) : 0x20 + random.nextInt(0x5f);
            if (Character.isSurrogate((char) cp)) {
                cp = '?';
            }
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static void writeString(ByteBuf out, String s) {
        if (s == null) {
            out.writeShort(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeShort(bytes.length);
        out.writeBytes(bytes);
    }
}
