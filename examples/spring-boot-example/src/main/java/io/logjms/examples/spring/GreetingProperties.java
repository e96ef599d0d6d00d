package io.logjms.examples.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code greetings.queue}: where greetings go; {@code greetings.count}: how many the application sends on start.
 */
@ConfigurationProperties(prefix = "greetings")
public record GreetingProperties(@DefaultValue("greetings") String queue, @DefaultValue("3") int count) {
}
