package io.logjms.protocol.message;

/**
 * Encodes {@link MessageHeaders} to bytes and back.
 *
 * <pre>
 *  0          1           2                     3
 *  +----------+-----------+---------------------+------------------+
 *  | format=1 | body type | mode&lt;&lt;4 | priority | flags (varint)   |
 *  +----------+-----------+---------------------+------------------+
 *  then the fields whose flag is set, in this order:
 *    0x001 messageId            string
 *    0x002 timestamp            zigzag varlong  (flag clear: 0)
 *    0x004 correlationId        string
 *    0x008 correlationId bytes  varint length + bytes  (never together with 0x004)
 *    0x010 type                 string
 *    0x020 expiration           zigzag varlong  (flag clear: 0)
 *    0x040 deliveryTime         zigzag varlong  (flag clear: 0)
 *    0x080 destination          kind byte + string
 *    0x100 replyTo              kind byte + string
 *    0x200 deliveryCount        varint          (flag clear: 0)
 *    0x400 redelivered          (the flag alone)
 *  then the properties:
 *    varint count, then count times: name string, typed value (see TypedValueCodec)
 * </pre>
 *
 * Strings are a varint byte length followed by UTF-8; varints are unsigned LEB128. The first byte is
 * the format version, so a later format can be told apart.
 *
 * <p>Decoding checks every length and code and throws {@link MalformedMessageException} for any
 * input that this class would not have written, including truncated input and trailing bytes.
 * {@link #decodeInto} refills a reused {@link MessageHeaders}, so the broker can evaluate selectors
 * over many records without allocating a headers object per record.
 */
public final class MessageHeadersCodec {
    /** The format version this class writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final int MESSAGE_ID = 0x001;
    private static final int TIMESTAMP = 0x002;
    private static final int CORRELATION_ID = 0x004;
    private static final int CORRELATION_ID_BYTES = 0x008;
    private static final int TYPE = 0x010;
    private static final int EXPIRATION = 0x020;
    private static final int DELIVERY_TIME = 0x040;
    private static final int DESTINATION = 0x080;
    private static final int REPLY_TO = 0x100;
    private static final int DELIVERY_COUNT = 0x200;
    private static final int REDELIVERED = 0x400;
    private static final int KNOWN_FLAGS = 0x7FF;

    /** Smallest encoding of one property: an empty name and a null value. */
    private static final int MIN_PROPERTY_BYTES = 2;

    private MessageHeadersCodec() {
    }

    /** Encodes {@code headers} into a new array of exactly the encoded length. */
    public static byte[] encode(MessageHeaders headers) {
        byte[] bytes = new byte[encodedLength(headers)];
        write(headers, bytes, 0);
        return bytes;
    }

    /**
     * Encodes {@code headers} into {@code target} from {@code offset}.
     *
     * @return the offset just after the encoding
     * @throws IllegalArgumentException if the encoding does not fit in {@code target}
     */
    public static int encode(MessageHeaders headers, byte[] target, int offset) {
        int length = encodedLength(headers);
        if (offset < 0 || target.length - offset < length) {
            throw new IllegalArgumentException("encoded headers need " + length + " bytes, "
                    + (target.length - offset) + " available from offset " + offset);
        }
        return write(headers, target, offset);
    }

    /** Writes the encoding into {@code target}, which the caller made large enough. */
    private static int write(MessageHeaders headers, byte[] target, int offset) {
        WireWriter out = new WireWriter(target, offset);
        int flags = flags(headers);
        out.writeByte(FORMAT_VERSION);
        out.writeByte(headers.getBodyType().code());
        out.writeByte(headers.getDeliveryMode() << 4 | headers.getPriority());
        out.writeVarInt(flags);
        if ((flags & MESSAGE_ID) != 0) {
            out.writeString(headers.getMessageId());
        }
        if ((flags & TIMESTAMP) != 0) {
            out.writeZigZagLong(headers.getTimestamp());
        }
        if ((flags & CORRELATION_ID) != 0) {
            out.writeString(headers.rawCorrelationId());
        }
        if ((flags & CORRELATION_ID_BYTES) != 0) {
            out.writeBytes(headers.rawCorrelationIdBytes());
        }
        if ((flags & TYPE) != 0) {
            out.writeString(headers.getType());
        }
        if ((flags & EXPIRATION) != 0) {
            out.writeZigZagLong(headers.getExpiration());
        }
        if ((flags & DELIVERY_TIME) != 0) {
            out.writeZigZagLong(headers.getDeliveryTime());
        }
        if ((flags & DESTINATION) != 0) {
            writeDestination(out, headers.getDestination());
        }
        if ((flags & REPLY_TO) != 0) {
            writeDestination(out, headers.getReplyTo());
        }
        if ((flags & DELIVERY_COUNT) != 0) {
            out.writeVarInt(headers.getDeliveryCount());
        }
        out.writeVarInt(headers.properties().size());
        headers.properties().forEach((name, value) -> {
            out.writeString(name);
            TypedValueCodec.write(out, value);
        });
        return out.position();
    }

    /** The number of bytes {@link #encode} writes for {@code headers}. */
    public static int encodedLength(MessageHeaders headers) {
        int flags = flags(headers);
        int length = 3 + WireWriter.sizeOfVarInt(flags);
        if ((flags & MESSAGE_ID) != 0) {
            length += WireWriter.sizeOfString(headers.getMessageId());
        }
        if ((flags & TIMESTAMP) != 0) {
            length += WireWriter.sizeOfZigZagLong(headers.getTimestamp());
        }
        if ((flags & CORRELATION_ID) != 0) {
            length += WireWriter.sizeOfString(headers.rawCorrelationId());
        }
        if ((flags & CORRELATION_ID_BYTES) != 0) {
            length += WireWriter.sizeOfBytes(headers.rawCorrelationIdBytes());
        }
        if ((flags & TYPE) != 0) {
            length += WireWriter.sizeOfString(headers.getType());
        }
        if ((flags & EXPIRATION) != 0) {
            length += WireWriter.sizeOfZigZagLong(headers.getExpiration());
        }
        if ((flags & DELIVERY_TIME) != 0) {
            length += WireWriter.sizeOfZigZagLong(headers.getDeliveryTime());
        }
        if ((flags & DESTINATION) != 0) {
            length += 1 + WireWriter.sizeOfString(headers.getDestination().name());
        }
        if ((flags & REPLY_TO) != 0) {
            length += 1 + WireWriter.sizeOfString(headers.getReplyTo().name());
        }
        if ((flags & DELIVERY_COUNT) != 0) {
            length += WireWriter.sizeOfVarInt(headers.getDeliveryCount());
        }
        length += WireWriter.sizeOfVarInt(headers.properties().size());
        for (var property : headers.properties().entrySet()) {
            length += WireWriter.sizeOfString(property.getKey()) + TypedValueCodec.sizeOf(property.getValue());
        }
        return length;
    }

    /** Decodes a whole array. */
    public static MessageHeaders decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /** Decodes {@code bytes[offset, offset + length)}, which must hold exactly one encoding. */
    public static MessageHeaders decode(byte[] bytes, int offset, int length) {
        MessageHeaders headers = new MessageHeaders();
        decodeInto(bytes, offset, length, headers);
        return headers;
    }

    /**
     * Decodes {@code bytes[offset, offset + length)} into {@code target}, first resetting it. On
     * failure {@code target} holds a partial result and must be reset before other use.
     *
     * @throws MalformedMessageException if the range is not exactly one valid encoding
     * @throws IndexOutOfBoundsException if the range lies outside {@code bytes} (a caller error,
     *     never a property of the input's content)
     */
    public static void decodeInto(byte[] bytes, int offset, int length, MessageHeaders target) {
        target.reset();
        WireReader in = new WireReader(bytes, offset, length);
        int version = in.readUnsignedByte();
        if (version != FORMAT_VERSION) {
            throw new MalformedMessageException("unsupported message headers format version " + version
                    + " (this client reads version " + FORMAT_VERSION + ")");
        }
        target.setBodyType(BodyType.fromCode(in.readUnsignedByte()));
        readModeAndPriority(in, target);
        int flags = in.readVarInt();
        if ((flags & ~KNOWN_FLAGS) != 0) {
            throw in.malformed("unknown header flags 0x" + Integer.toHexString(flags & ~KNOWN_FLAGS));
        }
        if ((flags & (CORRELATION_ID | CORRELATION_ID_BYTES)) == (CORRELATION_ID | CORRELATION_ID_BYTES)) {
            throw in.malformed("correlation id present both as string and as bytes");
        }
        readFields(in, flags, target);
        int count = in.readCount("property", MIN_PROPERTY_BYTES);
        for (int i = 0; i < count; i++) {
            String name = in.readString();
            target.putDecodedProperty(name, TypedValueCodec.read(in, TypedValueCodec.ValueSet.PROPERTY), in);
        }
        in.requireFullyRead("message headers");
    }

    /**
     * The fields the broker needs for every record it dispatches (priority, expiration, delivery time),
     * read without decoding strings or properties. Only the part of the encoding up to those fields is
     * checked, so a later field may still be malformed.
     *
     * @throws MalformedMessageException if that part is not valid
     */
    public static DeliveryFields peekDeliveryFields(byte[] bytes, int offset, int length) {
        WireReader in = new WireReader(bytes, offset, length);
        int version = in.readUnsignedByte();
        if (version != FORMAT_VERSION) {
            throw new MalformedMessageException("unsupported message headers format version " + version);
        }
        in.readUnsignedByte();
        int priority = in.readUnsignedByte() & 0x0F;
        if (priority > MessageHeaders.MAX_PRIORITY) {
            throw in.malformed("invalid priority " + priority);
        }
        int flags = in.readVarInt();
        if ((flags & MESSAGE_ID) != 0) {
            in.skipLengthPrefixed();
        }
        if ((flags & TIMESTAMP) != 0) {
            in.readVarLong();
        }
        if ((flags & CORRELATION_ID) != 0) {
            in.skipLengthPrefixed();
        }
        if ((flags & CORRELATION_ID_BYTES) != 0) {
            in.skipLengthPrefixed();
        }
        if ((flags & TYPE) != 0) {
            in.skipLengthPrefixed();
        }
        long expiration = (flags & EXPIRATION) != 0 ? in.readZigZagLong() : 0;
        long deliveryTime = (flags & DELIVERY_TIME) != 0 ? in.readZigZagLong() : 0;
        return new DeliveryFields(priority, expiration, deliveryTime);
    }

    /** What {@link #peekDeliveryFields} reads: JMSPriority, JMSExpiration and JMSDeliveryTime. */
    public record DeliveryFields(int priority, long expiration, long deliveryTime) {
        public static final DeliveryFields DEFAULTS = new DeliveryFields(MessageHeaders.DEFAULT_PRIORITY, 0, 0);
    }

    /** Reads only the body type of an encoding, checking just the first two bytes. */
    public static BodyType peekBodyType(byte[] bytes, int offset, int length) {
        WireReader in = new WireReader(bytes, offset, length);
        int version = in.readUnsignedByte();
        if (version != FORMAT_VERSION) {
            throw new MalformedMessageException("unsupported message headers format version " + version);
        }
        return BodyType.fromCode(in.readUnsignedByte());
    }

    private static void readModeAndPriority(WireReader in, MessageHeaders target) {
        int modeAndPriority = in.readUnsignedByte();
        int mode = modeAndPriority >> 4;
        int priority = modeAndPriority & 0x0F;
        if (mode != MessageHeaders.PERSISTENT && mode != MessageHeaders.NON_PERSISTENT) {
            throw in.malformed("invalid delivery mode " + mode);
        }
        if (priority > MessageHeaders.MAX_PRIORITY) {
            throw in.malformed("invalid priority " + priority);
        }
        target.setDeliveryMode(mode);
        target.setPriority(priority);
    }

    private static void readFields(WireReader in, int flags, MessageHeaders target) {
        if ((flags & MESSAGE_ID) != 0) {
            target.setMessageId(in.readString());
        }
        if ((flags & TIMESTAMP) != 0) {
            target.setTimestamp(in.readZigZagLong());
        }
        if ((flags & CORRELATION_ID) != 0) {
            target.setCorrelationId(in.readString());
        }
        if ((flags & CORRELATION_ID_BYTES) != 0) {
            target.setCorrelationIdBytes(in.readBytes());
        }
        if ((flags & TYPE) != 0) {
            target.setType(in.readString());
        }
        if ((flags & EXPIRATION) != 0) {
            target.setExpiration(in.readZigZagLong());
        }
        if ((flags & DELIVERY_TIME) != 0) {
            target.setDeliveryTime(in.readZigZagLong());
        }
        if ((flags & DESTINATION) != 0) {
            target.setDestination(readDestination(in));
        }
        if ((flags & REPLY_TO) != 0) {
            target.setReplyTo(readDestination(in));
        }
        if ((flags & DELIVERY_COUNT) != 0) {
            int count = in.readVarInt();
            if (count < 0) {
                throw in.malformed("negative delivery count " + count);
            }
            target.setDeliveryCount(count);
        }
        target.setRedelivered((flags & REDELIVERED) != 0);
    }

    private static int flags(MessageHeaders headers) {
        int flags = 0;
        flags |= headers.getMessageId() != null ? MESSAGE_ID : 0;
        flags |= headers.getTimestamp() != 0 ? TIMESTAMP : 0;
        flags |= headers.rawCorrelationId() != null ? CORRELATION_ID : 0;
        flags |= headers.rawCorrelationIdBytes() != null ? CORRELATION_ID_BYTES : 0;
        flags |= headers.getType() != null ? TYPE : 0;
        flags |= headers.getExpiration() != 0 ? EXPIRATION : 0;
        flags |= headers.getDeliveryTime() != 0 ? DELIVERY_TIME : 0;
        flags |= headers.getDestination() != null ? DESTINATION : 0;
        flags |= headers.getReplyTo() != null ? REPLY_TO : 0;
        flags |= headers.getDeliveryCount() != 0 ? DELIVERY_COUNT : 0;
        flags |= headers.isRedelivered() ? REDELIVERED : 0;
        return flags;
    }

    private static void writeDestination(WireWriter out, DestinationRef destination) {
        out.writeByte(destination.kind().code());
        out.writeString(destination.name());
    }

    private static DestinationRef readDestination(WireReader in) {
        DestinationKind kind = DestinationKind.fromCode(in.readUnsignedByte());
        String name = in.readString();
        if (name.isEmpty()) {
            throw in.malformed("empty destination name");
        }
        return new DestinationRef(kind, name);
    }
}
