package io.logjms.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.provider.LogJmsConnectionFactory;
import io.logjms.provider.config.ConnectionOption;
import jakarta.jms.ConnectionFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jms.JmsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.core.JmsTemplate;

/** What {@link LogJmsAutoConfiguration} contributes, without a broker (no connection is opened). */
class LogJmsAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LogJmsAutoConfiguration.class, JmsAutoConfiguration.class));

    @Test
    void byDefaultJmsTemplateUsesACachingFactoryAroundALogJmsFactoryForLocalhost() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(ConnectionFactory.class);
            CachingConnectionFactory caching = context.getBean(CachingConnectionFactory.class);
            LogJmsConnectionFactory target = (LogJmsConnectionFactory) caching.getTargetConnectionFactory();
            assertThat(target.getBrokerURL()).isEqualTo("logjms://localhost:7878");
            assertThat(target.getOptionOverrides()).isEmpty();
            assertThat(context.getBean(JmsTemplate.class).getConnectionFactory()).isSameAs(caching);
        });
    }

    @Test
    void urlUserPasswordAndClientIdReachTheLogJmsFactory() {
        runner.withPropertyValues("logjms.url=logjms://broker.example:7999?prefetch=16", "logjms.user=app",
                "logjms.password=s3cret", "logjms.client-id=orders-service").run(context -> {
                    LogJmsConnectionFactory target = (LogJmsConnectionFactory)
                            context.getBean(CachingConnectionFactory.class).getTargetConnectionFactory();
                    assertThat(target.getBrokerURL()).isEqualTo("logjms://broker.example:7999?prefetch=16");
                    assertThat(target.getOptionOverrides()).isEqualTo(Map.of(ConnectionOption.USER, "app",
                            ConnectionOption.PASSWORD, "s3cret", ConnectionOption.CLIENT_ID, "orders-service"));
                    assertThat(target.options().prefetch()).isEqualTo(16);
                });
    }

    @Test
    void poolEnabledGivesAPooledJmsFactoryWithTheMaximumConnections() {
        runner.withPropertyValues("logjms.pool.enabled=true", "logjms.pool.max-connections=3").run(context -> {
            assertThat(context).hasSingleBean(ConnectionFactory.class);
            JmsPoolConnectionFactory pool = context.getBean(JmsPoolConnectionFactory.class);
            assertThat(pool.getMaxConnections()).isEqualTo(3);
            assertThat(pool.getConnectionFactory()).isInstanceOf(LogJmsConnectionFactory.class);
            assertThat(context.getBean(JmsTemplate.class).getConnectionFactory()).isSameAs(pool);
        });
    }

    @Test
    void withTheSpringJmsCacheDisabledTheLogJmsFactoryIsUsedDirectly() {
        runner.withPropertyValues("spring.jms.cache.enabled=false").run(context -> {
            assertThat(context).hasSingleBean(ConnectionFactory.class);
            assertThat(context.getBean(ConnectionFactory.class)).isExactlyInstanceOf(LogJmsConnectionFactory.class);
        });
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnConnectionFactory() {
        runner.withUserConfiguration(OwnFactory.class).withPropertyValues("logjms.pool.enabled=true").run(context -> {
            assertThat(context).hasSingleBean(ConnectionFactory.class);
            assertThat(context.getBean(ConnectionFactory.class)).isSameAs(OwnFactory.FACTORY);
            assertThat(context).doesNotHaveBean(JmsPoolConnectionFactory.class);
            assertThat(context.getBean(JmsTemplate.class).getConnectionFactory()).isSameAs(OwnFactory.FACTORY);
        });
    }

    @Test
    void aMalformedUrlFailsTheStartUpNamingTheProperty() {
        runner.withPropertyValues("logjms.url=logjms://localhost:7878?no-such-option=1").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("no-such-option");
            assertThat(context.getStartupFailure()).hasStackTraceContaining("logjms.url");
        });
    }

    @Test
    void aClientIdWithSeveralPooledConnectionsIsRefusedAtStartUp() {
        runner.withPropertyValues("logjms.pool.enabled=true", "logjms.pool.max-connections=2",
                "logjms.client-id=app").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .hasStackTraceContaining("set logjms.pool.max-connections=1 (it is 2)");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnFactory {
        static final ConnectionFactory FACTORY = new LogJmsConnectionFactory("logjms://own:1");

        @Bean
        ConnectionFactory myConnectionFactory() {
            return FACTORY;
        }
    }
}
