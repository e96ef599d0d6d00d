package io.logjms.spring;

import io.logjms.provider.LogJmsConnectionFactory;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jms.JmsAutoConfiguration;
import org.springframework.boot.autoconfigure.jms.JmsProperties;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * A logjms {@link ConnectionFactory} named {@code jmsConnectionFactory}, configured by the {@code logjms.*}
 * properties ({@link LogJmsProperties}). Runs before Boot's JMS and Artemis auto-configurations, so their
 * {@code JmsTemplate} and {@code @JmsListener} container factory use it; backs off when the application
 * defines a {@code ConnectionFactory} of its own.
 *
 * <p>With {@code logjms.pool.enabled=true} the factory is a pooled-jms {@link JmsPoolConnectionFactory};
 * otherwise, as Boot does for Artemis, a Spring {@link CachingConnectionFactory} around the logjms one
 * (unless {@code spring.jms.cache.enabled=false}, then the logjms factory itself).
 */
@AutoConfiguration(before = {JmsAutoConfiguration.class, ArtemisAutoConfiguration.class})
@ConditionalOnClass({ConnectionFactory.class, LogJmsConnectionFactory.class})
@ConditionalOnMissingBean(ConnectionFactory.class)
@EnableConfigurationProperties({LogJmsProperties.class, JmsProperties.class})
public class LogJmsAutoConfiguration {

    /** The logjms factory the properties describe; a malformed URL or option fails the start-up, naming it. */
    static LogJmsConnectionFactory logJmsConnectionFactory(LogJmsProperties properties) {
        LogJmsConnectionFactory factory = new LogJmsConnectionFactory(properties.getUrl());
        factory.setUser(properties.getUser());
        factory.setPassword(properties.getPassword());
        factory.setClientID(properties.getClientId());
        try {
            factory.options();
        } catch (JMSException e) {
            throw new IllegalStateException("logjms.url or another logjms.* property is invalid: " + e.getMessage(), e);
        }
        return factory;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JmsPoolConnectionFactory.class)
    @ConditionalOnProperty(prefix = "logjms.pool", name = "enabled", havingValue = "true")
    static class Pooled {
        @Bean(destroyMethod = "stop")
        JmsPoolConnectionFactory jmsConnectionFactory(LogJmsProperties properties) {
            LogJmsProperties.Pool pool = properties.getPool();
            if (pool.getMaxConnections() < 1) {
                throw new IllegalStateException("logjms.pool.max-connections must be at least 1, not "
                        + pool.getMaxConnections());
            }
            if (properties.getClientId() != null && pool.getMaxConnections() > 1) {
                throw new IllegalStateException("logjms.client-id is set, and a client id names one connection at a"
                        + " time: set logjms.pool.max-connections=1 (it is " + pool.getMaxConnections() + ")");
            }
            JmsPoolConnectionFactory pooled = new JmsPoolConnectionFactory();
            pooled.setConnectionFactory(logJmsConnectionFactory(properties));
            pooled.setMaxConnections(pool.getMaxConnections());
            return pooled;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "logjms.pool", name = "enabled", havingValue = "false", matchIfMissing = true)
    @ConditionalOnProperty(prefix = "spring.jms.cache", name = "enabled", havingValue = "true", matchIfMissing = true)
    static class Caching {
        @Bean
        CachingConnectionFactory jmsConnectionFactory(LogJmsProperties properties, JmsProperties jms) {
            JmsProperties.Cache cache = jms.getCache();
            CachingConnectionFactory caching = new CachingConnectionFactory(logJmsConnectionFactory(properties));
            caching.setCacheConsumers(cache.isConsumers());
            caching.setCacheProducers(cache.isProducers());
            caching.setSessionCacheSize(cache.getSessionCacheSize());
            return caching;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "logjms.pool", name = "enabled", havingValue = "false", matchIfMissing = true)
    @ConditionalOnProperty(prefix = "spring.jms.cache", name = "enabled", havingValue = "false")
    static class Plain {
        @Bean
        LogJmsConnectionFactory jmsConnectionFactory(LogJmsProperties properties) {
            return logJmsConnectionFactory(properties);
        }
    }
}
