package io.logjms.provider.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.broker.Broker;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SecurityIT extends EmbeddedBrokerSupport {

    @Override
    Broker.Builder configure(Broker.Builder builder) {
        try {
            // under the test's own temporary directory, which JUnit deletes (not a /tmp directory left behind)
            Path users = Files.createDirectories(dataDir.resolve("security")).resolve("users.properties");
            Files.writeString(users, "alice=secret\n");
            return builder.set("security.users.file", users.toString()).set("security.allow.anonymous", "false");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void wrongCredentialsAreASecurityException() throws Exception {
        assertThatThrownBy(() -> factory().createConnection("alice", "wrong")).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> factory().createConnection()).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> factory().createContext("bob", "x")).isInstanceOf(JMSSecurityRuntimeException.class);
        closeLater(factory().createConnection("alice", "secret"));
        JMSContext context = closeLater(factory("user=alice&password=secret").createContext());
        assertThat(context.getMetaData().getJMSProviderName()).isEqualTo("logjms");
    }
}
