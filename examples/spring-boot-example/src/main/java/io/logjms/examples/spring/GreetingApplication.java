package io.logjms.examples.spring;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application on logjms: {@link Greeter} sends with {@code JmsTemplate}, {@link GreetingListener}
 * receives with {@code @JmsListener}. Nothing in it names logjms: the starter on the classpath and the
 * {@code logjms.*} properties in {@code application.properties} are all it takes.
 */
@SpringBootApplication
@EnableConfigurationProperties(GreetingProperties.class)
public class GreetingApplication {
    public static void main(String[] args) {
        SpringApplication.run(GreetingApplication.class, args);
    }

    /** Sends {@code greetings.count} greetings when the application has started. */
    @Bean
    CommandLineRunner greetOnStart(Greeter greeter, GreetingProperties properties) {
        return args -> {
            for (int i = 1; i <= properties.count(); i++) {
                greeter.greet("hello " + i);
            }
        };
    }
}
