package io.logjms.broker.config;

/** A rule that relates several configuration values, checked once all of them are known. */
@FunctionalInterface
public interface ConfigRule {
    /**
     * Checks the rule.
     *
     * @throws ConfigException naming the offending key, its value and what is allowed
     */
    void check(BrokerConfig config);
}
