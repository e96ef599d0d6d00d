package io.logjms.broker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrokerConfigKeysTest {

    @Test
    void everyDeclaredKeyIsListedOnceInAll() throws IllegalAccessException {
        List<ConfigKey<?>> declared = new ArrayList<>();
        for (Field field : BrokerConfigKeys.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == ConfigKey.class) {
                declared.add((ConfigKey<?>) field.get(null));
            }
        }

        assertThat(BrokerConfigKeys.ALL).containsExactlyInAnyOrderElementsOf(declared);
        assertThat(BrokerConfigKeys.ALL.stream().map(ConfigKey::name)).doesNotHaveDuplicates();
    }

    @Test
    void byNameFindsKeys() {
        assertThat(BrokerConfigKeys.byName("max.frame.bytes")).containsSame(BrokerConfigKeys.MAX_FRAME_BYTES);
        assertThat(BrokerConfigKeys.byName("objectmessage.allow.list")).isEmpty();
    }

    @Test
    void everyKeyIsDocumented() {
        assertThat(BrokerConfigKeys.ALL).allSatisfy(key -> assertThat(key.documentation()).isNotBlank());
    }
}
