package io.logjms.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.broker.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserCredentialsTest {

    /** The example of docs/CONFIGURATION.md: salt bytes 0..15, password "correct horse". */
    private static final String DOC_EXAMPLE_HASH =
            "{sha256}AAECAwQFBgcICQoLDA0ODw==:SsdijnPTV+9OdmKA2DFD8Dispz7omhyKa/mwrNYH4Po=";

    @TempDir
    Path dir;

    private Path usersFile(String content) throws IOException {
        Path file = dir.resolve("users.properties");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void authenticatesPlainAndHashedPasswords() throws IOException {
        UserCredentials users = UserCredentials.load(usersFile(
                "# users\nalice=secret\nbob=" + DOC_EXAMPLE_HASH + "\ncarol=p\\\\ss w\u00f6rd\n"));

        assertThat(users.authenticate("alice", "secret")).isTrue();
        assertThat(users.authenticate("alice", "Secret")).isFalse();
        assertThat(users.authenticate("bob", "correct horse".toCharArray())).isTrue();
        assertThat(users.authenticate("bob", "correct horse ")).isFalse();
        assertThat(users.authenticate("carol", "p\\ss w\u00f6rd")).isTrue();
        assertThat(users.users()).containsExactly("alice", "bob", "carol");
    }

    @Test
    void unknownOrMissingUserFails() throws IOException {
        UserCredentials users = UserCredentials.load(usersFile("alice=secret\n"));

        assertThat(users.authenticate("mallory", "secret")).isFalse();
        assertThat(users.authenticate(null, "secret")).isFalse();
        assertThat(UserCredentials.none().authenticate("alice", "secret")).isFalse();
        assertThat(UserCredentials.none().isEmpty()).isTrue();
    }

    @Test
    void toStringShowsUserNamesOnly() {
        Properties properties = new Properties();
        properties.setProperty("alice", "topsecret");
        properties.setProperty("bob", DOC_EXAMPLE_HASH);

        UserCredentials users = UserCredentials.fromProperties(properties);

        assertThat(users.toString()).isEqualTo("UserCredentials[alice, bob]")
                .doesNotContain("topsecret").doesNotContain("AAEC");
    }

    @Test
    void malformedHashNamesTheUserButNotTheValue() throws IOException {
        Path file = usersFile("bob={sha256}not-base64!:also-not\n");

        assertThatThrownBy(() -> UserCredentials.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'bob'")
                .hasMessageNotContaining("not-base64")
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("security.users.file");
    }

    @Test
    void hashOfTheWrongLengthAndEmptyPasswordAreRejected() throws IOException {
        Path shortHash = usersFile("bob={sha256}AAEC:AAEC\n");
        assertThatThrownBy(() -> UserCredentials.load(shortHash)).hasMessageContaining("SHA-256 has 32");

        Path empty = usersFile("bob=\n");
        assertThatThrownBy(() -> UserCredentials.load(empty)).hasMessageContaining("password is empty");
    }

    @Test
    void missingFileIsAConfigException() {
        Path missing = dir.resolve("nobody.properties");

        assertThatThrownBy(() -> UserCredentials.load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void createdHashesRoundTripThroughTheEncodedForm() {
        SaltedPasswordHash hash = SaltedPasswordHash.create("s3cret".toCharArray(), new SecureRandom());
        SaltedPasswordHash parsed = SaltedPasswordHash.parse(hash.encoded());

        assertThat(parsed.matches("s3cret".toCharArray())).isTrue();
        assertThat(parsed.matches("s3cret!".toCharArray())).isFalse();
        assertThat(parsed.encoded()).isEqualTo(hash.encoded()).startsWith(SaltedPasswordHash.PREFIX);
        assertThat(hash.toString()).doesNotContain(hash.encoded().substring(SaltedPasswordHash.PREFIX.length()));
    }

    @Test
    void twoHashesOfOnePasswordDifferBySalt() {
        SecureRandom random = new SecureRandom();

        assertThat(SaltedPasswordHash.create("same".toCharArray(), random).encoded())
                .isNotEqualTo(SaltedPasswordHash.create("same".toCharArray(), random).encoded());
    }
}
