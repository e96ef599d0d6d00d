package io.logjms.broker.security;

import io.logjms.broker.config.BrokerConfigKeys;
import io.logjms.broker.config.ConfigException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's users and their passwords, read from a users file ({@code security.users.file}): a UTF-8
 * properties file of {@code user=password} lines. A password is either plain text or the salted hash form
 * {@code {sha256}<base64 salt>:<base64 hash>} of {@link SaltedPasswordHash}.
 *
 * <p>Plain passwords are hashed with a random salt when loaded, so every check runs the same constant-time
 * comparison, and an unknown user costs the same as a wrong password. Passwords are never logged, and
 * {@link #toString()} shows user names only. Immutable and thread-safe.
 */
public final class UserCredentials {
    private static final Logger LOG = LoggerFactory.getLogger(UserCredentials.class);
    private static final String KEY = BrokerConfigKeys.SECURITY_USERS_FILE.name();

    private final Map<String, SaltedPasswordHash> passwords;
    private final SaltedPasswordHash unknownUser;

    private UserCredentials(Map<String, SaltedPasswordHash> passwords, SecureRandom random) {
        this.passwords = Collections.unmodifiableMap(passwords);
        this.unknownUser = SaltedPasswordHash.create(new char[] {'-'}, random);
    }

    /** No users: every authentication fails. */
    public static UserCredentials none() {
        return new UserCredentials(new TreeMap<>(), new SecureRandom());
    }

    /**
     * Reads a users file.
     *
     * @throws ConfigException if the file cannot be read or holds an entry that is not allowed; the message
     *         names the user, never the password
     */
    public static UserCredentials load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigException(KEY, "Users file not found: " + file + " (" + KEY + ")", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(KEY, "Cannot read users file " + file + ": " + e.getMessage(), e);
        }
        UserCredentials credentials = fromProperties(properties, file.toString());
        LOG.info("Loaded {} user(s) from {}", credentials.users().size(), file);
        return credentials;
    }

    /**
     * Users given as {@code user -> password} properties, in the same forms as a users file.
     *
     * @throws ConfigException if an entry is not allowed
     */
    public static UserCredentials fromProperties(Properties users) {
        return fromProperties(users, "users");
    }

    private static UserCredentials fromProperties(Properties users, String source) {
        SecureRandom random = new SecureRandom();
        Map<String, SaltedPasswordHash> passwords = new TreeMap<>();
        for (String user : users.stringPropertyNames()) {
            passwords.put(checkedUser(user, source), storedPassword(user, users.getProperty(user), source, random));
        }
        return new UserCredentials(passwords, random);
    }

    private static String checkedUser(String user, String source) {
        if (user.isBlank()) {
            throw new ConfigException(KEY, "Invalid entry in " + source + ": the user name is empty");
        }
        return user;
    }

    private static SaltedPasswordHash storedPassword(String user, String stored, String source, SecureRandom random) {
        if (stored.isEmpty()) {
            throw new ConfigException(KEY, "Invalid entry for user '" + user + "' in " + source
                    + ": the password is empty");
        }
        if (!SaltedPasswordHash.isHashForm(stored)) {
            return SaltedPasswordHash.create(stored.toCharArray(), random);
        }
        try {
            return SaltedPasswordHash.parse(stored);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(KEY, "Invalid password hash for user '" + user + "' in " + source + ": "
                    + e.getMessage());
        }
    }

    /** Whether {@code user} exists and {@code password} is its password. */
    public boolean authenticate(String user, char[] password) {
        Objects.requireNonNull(password, "password");
        if (user == null) {
            unknownUser.matches(password);
            return false;
        }
        SaltedPasswordHash stored = passwords.get(user);
        if (stored == null) {
            unknownUser.matches(password);
            return false;
        }
        return stored.matches(password);
    }

    /** Whether {@code user} exists and {@code password} is its password. */
    public boolean authenticate(String user, String password) {
        Objects.requireNonNull(password, "password");
        char[] chars = password.toCharArray();
        try {
            return authenticate(user, chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** The user names, sorted. */
    public Set<String> users() {
        return passwords.keySet();
    }

    /** Whether there are no users. */
    public boolean isEmpty() {
        return passwords.isEmpty();
    }

    @Override
    public String toString() {
        return "UserCredentials" + passwords.keySet();
    }
}
