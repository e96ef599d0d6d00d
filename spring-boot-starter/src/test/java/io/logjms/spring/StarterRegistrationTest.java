package io.logjms.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.annotation.ImportCandidates;

/** The jar registers the auto-configuration with Boot and carries the property metadata IDEs complete from. */
class StarterRegistrationTest {
    @Test
    void theAutoConfigurationIsListedInTheImportsFile() {
        ImportCandidates candidates = ImportCandidates.load(
                org.springframework.boot.autoconfigure.AutoConfiguration.class, getClass().getClassLoader());
        assertThat(candidates.getCandidates()).contains(LogJmsAutoConfiguration.class.getName());
    }

    @Test
    void everyLogJmsPropertyHasMetadataWithADescription() throws IOException {
        String json = resource("META-INF/spring-configuration-metadata.json");
        List<String> described = JsonPath.read(json, "$.properties[?(@.description)].name");
        assertThat(described).containsExactlyInAnyOrder("logjms.url", "logjms.user", "logjms.password",
                "logjms.client-id", "logjms.pool.enabled", "logjms.pool.max-connections");
        List<Object> urlDefault = JsonPath.read(json, "$.properties[?(@.name == 'logjms.url')].defaultValue");
        assertThat(urlDefault).containsExactly("logjms://localhost:7878");
        List<Object> poolDefault = JsonPath.read(json, "$.properties[?(@.name == 'logjms.pool.enabled')].defaultValue");
        assertThat(poolDefault).containsExactly(false);
    }

    private String resource(String name) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
