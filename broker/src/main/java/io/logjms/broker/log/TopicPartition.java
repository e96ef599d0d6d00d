package io.logjms.broker.log;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Names one partition of a topic, and maps it to the name of its directory under the data directory.
 *
 * <p>A topic name is any text of 1 to {@value #MAX_TOPIC_LENGTH} characters without control
 * characters. The directory name is {@code <encoded topic>-<partition>}, where the encoding keeps
 * {@code A-Z a-z 0-9 _ -} and every {@code .} except a leading one, and writes every other UTF-8 byte
 * as {@code %XX}. So a directory name never contains a path separator, never is {@code .} or
 * {@code ..}, never starts with a dot, and two topics never share a directory.
 */
public record TopicPartition(String topic, int partition) {
    public static final int MAX_TOPIC_LENGTH = 249;
    /** Longest encoded topic, so that {@code <encoded>-<partition>} fits a 255-byte file name. */
    public static final int MAX_ENCODED_TOPIC_LENGTH = 240;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    public TopicPartition {
        Objects.requireNonNull(topic, "topic");
        if (topic.isEmpty() || topic.length() > MAX_TOPIC_LENGTH) {
            throw new InvalidTopicException("topic name must have 1 to " + MAX_TOPIC_LENGTH
                    + " characters, got " + topic.length());
        }
        for (int i = 0; i < topic.length(); i++) {
            if (Character.isISOControl(topic.charAt(i))) {
                throw new InvalidTopicException("topic name contains a control character at index " + i);
            }
        }
        if (!new String(topic.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(topic)) {
            throw new InvalidTopicException("topic name contains an unpaired surrogate character");
        }
        if (encode(topic).length() > MAX_ENCODED_TOPIC_LENGTH) {
            throw new InvalidTopicException("topic name '" + topic + "' is longer than "
                    + MAX_ENCODED_TOPIC_LENGTH + " characters once encoded as a directory name");
        }
        if (partition < 0) {
            throw new InvalidTopicException("partition of topic '" + topic + "' must not be negative: " + partition);
        }
    }

    /** The name of this partition's directory under the data directory. */
    public String directoryName() {
        return encode(topic) + "-" + partition;
    }

    /**
     * The partition whose {@link #directoryName()} is {@code name}, or empty if {@code name} is not
     * exactly such a name (so other files and directories of the data directory are never mistaken
     * for partitions).
     */
    public static Optional<TopicPartition> fromDirectoryName(String name) {
        int dash = name.lastIndexOf('-');
        if (dash <= 0 || dash == name.length() - 1) {
            return Optional.empty();
        }
        String digits = name.substring(dash + 1);
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9') || digits.length() > 10
                || (digits.length() > 1 && digits.charAt(0) == '0')) {
            return Optional.empty();
        }
        long partition = Long.parseLong(digits);
        Optional<String> topic = decode(name.substring(0, dash));
        if (partition > Integer.MAX_VALUE || topic.isEmpty()) {
            return Optional.empty();
        }
        try {
            TopicPartition tp = new TopicPartition(topic.get(), (int) partition);
            return tp.directoryName().equals(name) ? Optional.of(tp) : Optional.empty();
        } catch (InvalidTopicException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return topic + "-" + partition;
    }

    static String encode(String topic) {
        byte[] utf8 = topic.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(utf8.length);
        for (int i = 0; i < utf8.length; i++) {
            int b = utf8[i] & 0xff;
            if (isKept(b, i == 0)) {
                out.append((char) b);
            } else {
                out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean isKept(int b, boolean first) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || b == '_' || b == '-' || (b == '.' && !first);
    }

    private static Optional<String> decode(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(encoded.charAt(i + 1), 16);
                int lo = Character.digit(encoded.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(bytes.toString(StandardCharsets.UTF_8));
    }
}
