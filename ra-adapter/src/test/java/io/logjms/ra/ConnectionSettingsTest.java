package io.logjms.ra;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.provider.LogJmsConnectionFactory;
import io.logjms.provider.LogJmsXAConnectionFactory;
import io.logjms.provider.config.ConnectionOption;
import org.junit.jupiter.api.Test;

/**
 * A transacted endpoint's connection is an XA one even when its {@code connectionFactoryLookup} names a
 * plain {@link LogJmsConnectionFactory}: the options set on that factory must reach the XA connection.
 */
class ConnectionSettingsTest {

    @Test
    void theXaCopyOfALookedUpFactoryKeepsItsUrlAndEveryOptionSetThroughItsSetters() {
        LogJmsConnectionFactory bound = new LogJmsConnectionFactory("logjms://broker.example:7999?connectTimeout=2000");
        bound.setOption(ConnectionOption.USER, "app");
        bound.setOption(ConnectionOption.PASSWORD, "secret");
        bound.setOption(ConnectionOption.REQUEST_TIMEOUT, "1234");

        LogJmsXAConnectionFactory copy = ConnectionSettings.xaCopy(bound);

        assertThat(copy.getBrokerURL()).isEqualTo(bound.getBrokerURL());
        assertThat(copy.getOptionOverrides()).isEqualTo(bound.getOptionOverrides())
                .containsEntry(ConnectionOption.USER, "app").containsEntry(ConnectionOption.REQUEST_TIMEOUT, "1234");
    }
}
