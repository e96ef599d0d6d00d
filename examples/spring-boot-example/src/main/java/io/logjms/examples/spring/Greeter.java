package io.logjms.examples.spring;

import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/** Sends greetings with the {@link JmsTemplate} Spring Boot configures over the logjms connection factory. */
@Component
public class Greeter {
    private final JmsTemplate jms;
    private final String queue;

    public Greeter(JmsTemplate jms, GreetingProperties properties) {
        this.jms = jms;
        this.queue = properties.queue();
    }

    public void greet(String text) {
        jms.convertAndSend(queue, text, message -> {
            message.setStringProperty("sender", "greeter");
            return message;
        });
    }
}
