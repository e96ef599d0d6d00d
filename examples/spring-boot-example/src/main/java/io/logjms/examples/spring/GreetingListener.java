package io.logjms.examples.spring;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.annotation.JmsListener;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/** Receives greetings with {@code @JmsListener} and keeps them, in arrival order, for whoever asks. */
@Component
public class GreetingListener {
    private static final Logger LOG = LoggerFactory.getLogger(GreetingListener.class);
    private final List<String> received = new CopyOnWriteArrayList<>();

    @JmsListener(destination = "${greetings.queue:greetings}")
    public void onGreeting(String text, @Header(name = "sender", required = false) String sender) {
        LOG.info("received '{}' from {}", text, sender);
        received.add(text + " from " + sender);
    }

    /** What arrived so far, as "text from sender". */
    public List<String> received() {
        return List.copyOf(received);
    }
}
