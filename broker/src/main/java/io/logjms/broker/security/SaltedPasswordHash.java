package io.logjms.broker.security;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A password stored as {@code {sha256}<salt>:<hash>}: {@code salt} is random bytes and {@code hash} is
 * SHA-256 over the salt followed by the password's UTF-8 bytes, both in standard Base64. Immutable and
 * thread-safe; {@link #toString()} does not show the hash.
 */
public final class SaltedPasswordHash {
    /** The prefix that marks a stored password as a salted hash. */
    public static final String PREFIX = "{sha256}";
    /** The salt length used by {@link #create}. */
    public static final int SALT_BYTES = 16;

    private static final int HASH_BYTES = 32;

    private final byte[] salt;
    private final byte[] hash;

    private SaltedPasswordHash(byte[] salt, byte[] hash) {
        this.salt = salt;
        this.hash = hash;
    }

    /** Hashes {@code password} with a fresh random salt. */
    public static SaltedPasswordHash create(char[] password, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new SaltedPasswordHash(salt, digest(salt, password));
    }

    /** Whether {@code stored} is written in the salted hash form (starts with {@value #PREFIX}). */
    public static boolean isHashForm(String stored) {
        return stored.startsWith(PREFIX);
    }

    /**
     * Reads the {@code {sha256}<salt>:<hash>} form.
     *
     * @throws IllegalArgumentException if {@code encoded} is not in that form; the message does not repeat it
     */
    public static SaltedPasswordHash parse(String encoded) {
        if (!isHashForm(encoded)) {
            throw new IllegalArgumentException("expected " + PREFIX + "<base64 salt>:<base64 hash>");
        }
        String body = encoded.substring(PREFIX.length());
        int colon = body.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected " + PREFIX + "<base64 salt>:<base64 hash>, no ':' found");
        }
        byte[] salt;
        byte[] hash;
        try {
            salt = Base64.getDecoder().decode(body.substring(0, colon));
            hash = Base64.getDecoder().decode(body.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("salt or hash is not valid Base64");
        }
        if (salt.length == 0) {
            throw new IllegalArgumentException("the salt is empty");
        }
        if (hash.length != HASH_BYTES) {
            throw new IllegalArgumentException("the hash has " + hash.length + " bytes, SHA-256 has " + HASH_BYTES);
        }
        return new SaltedPasswordHash(salt, hash);
    }

    /** Whether {@code password} is the hashed password; takes the same time whatever the input. */
    public boolean matches(char[] password) {
        Objects.requireNonNull(password, "password");
        return MessageDigest.isEqual(hash, digest(salt, password));
    }

    /** The {@code {sha256}<salt>:<hash>} form, as written in a users file. */
    public String encoded() {
        Base64.Encoder base64 = Base64.getEncoder();
        return PREFIX + base64.encodeToString(salt) + ":" + base64.encodeToString(hash);
    }

    private static byte[] digest(byte[] salt, char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] passwordBytes = new byte[encoded.remaining()];
        encoded.get(passwordBytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            return sha256.digest(passwordBytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        } finally {
            Arrays.fill(passwordBytes, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "SaltedPasswordHash[sha256]";
    }
}
