package io.logjms.protocol.message;

/**
 * Standard UTF-8 without intermediate arrays. An unpaired surrogate, which UTF-8 cannot represent,
 * is encoded as {@code '?'}, as {@link String#getBytes(java.nio.charset.Charset)} does.
 */
final class Utf8 {
    private Utf8() {
    }

    /** The number of bytes {@link #encode} writes for {@code s}. */
    static int encodedLength(String s) {
        int n = s.length();
        int length = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                length += 1;
            } else if (Character.isSurrogate(c)) {
                if (isPairStart(s, i)) {
                    length += 2; // four bytes for the two chars of the pair
                    i++;
                }
            } else {
                length += 2;
            }
        }
        return length;
    }

    /** Encodes {@code s} into {@code target} from {@code offset}; returns the offset after it. */
    static int encode(String s, byte[] target, int offset) {
        int p = offset;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                target[p++] = (byte) c;
            } else if (c < 0x800) {
                target[p++] = (byte) (0xC0 | (c >> 6));
                target[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (isPairStart(s, i)) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    target[p++] = (byte) (0xF0 | (cp >> 18));
                    target[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    target[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    target[p++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    target[p++] = (byte) '?';
                }
            } else {
                target[p++] = (byte) (0xE0 | (c >> 12));
                target[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                target[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return p;
    }

    /** Whether {@code bytes[offset, offset + length)} is well-formed UTF-8 (no overlongs, no surrogates). */
    static boolean isWellFormed(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                i++;
            } else if (b < 0xC2) {
                return false; // a stray continuation byte or an overlong two-byte form
            } else if (b < 0xE0) {
                if (i + 1 >= end || !isContinuation(bytes[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (b < 0xF0) {
                if (i + 2 >= end || !isContinuation(bytes[i + 1]) || !isContinuation(bytes[i + 2])) {
                    return false;
                }
                int b1 = bytes[i + 1] & 0xFF;
                if ((b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 >= 0xA0)) {
                    return false; // overlong, or a surrogate code point
                }
                i += 3;
            } else if (b < 0xF5) {
                if (i + 3 >= end || !isContinuation(bytes[i + 1]) || !isContinuation(bytes[i + 2])
                        || !isContinuation(bytes[i + 3])) {
                    return false;
                }
                int b1 = bytes[i + 1] & 0xFF;
                if ((b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 >= 0x90)) {
                    return false; // overlong, or above U+10FFFF
                }
                i += 4;
            } else {
                return false;
            }
        }
        return true;
    }

    private static boolean isPairStart(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1));
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
