package io.logjms.broker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The distribution's config/broker.properties: every key, commented, with a default the broker parses back. */
class ConfigFileTemplateTest {
    private final String template = ConfigFileTemplate.render(BrokerConfigKeys.ALL);

    @Test
    void asWrittenEveryKeyIsCommentedOutSoTheFileConfiguresNothing() throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(template));
        assertThat(p).isEmpty();
    }

    @Test
    void everyKeyAppearsOnceWithItsDocumentationAndDefault() {
        for (ConfigKey<?> key : BrokerConfigKeys.ALL) {
            assertThat(Pattern.compile("(?m)^#" + Pattern.quote(key.name()) + "=").matcher(template).results().count())
                    .as(key.name()).isEqualTo(1);
            String firstWords = key.documentation().split("\\s+")[0] + " " + key.documentation().split("\\s+")[1];
            assertThat(template).as(key.name()).contains(firstWords);
        }
        assertThat(template.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
    }

    @Test
    void uncommentedEveryKeyLoadsAsTheDefaults() throws IOException {
        String uncommented = Pattern.compile("(?m)^#(?=[a-z.]+=)").matcher(template).replaceAll("");
        Properties p = new Properties();
        p.load(new StringReader(uncommented));
        assertThat(p).hasSize(BrokerConfigKeys.ALL.size());
        BrokerConfig loaded = BrokerConfig.fromProperties(p);
        BrokerConfig defaults = BrokerConfig.defaults();
        for (ConfigKey<?> key : BrokerConfigKeys.ALL) {
            assertThat((Object) loaded.get(key)).as(key.name()).isEqualTo(defaults.get(key));
        }
    }
}
