package io.logjms.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logjms.broker.Broker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The example application, unchanged, against a broker in this JVM on an ephemeral port: greetings sent with
 * JmsTemplate at start-up and from the test arrive at the @JmsListener, with their properties.
 */
@SpringBootTest
@Timeout(60)
class GreetingApplicationIT {
    private static Broker broker;
    private static Path dataDir;

    @DynamicPropertySource
    static void logjmsUrl(DynamicPropertyRegistry registry) throws IOException {
        dataDir = Files.createTempDirectory("logjms-spring-example");
        broker = Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0).build().start();
        registry.add("logjms.url", () -> "logjms://127.0.0.1:" + broker.port());
    }

    @AfterAll
    static void stopBroker() throws IOException {
        if (broker != null) {
            broker.close();
        }
        try (var files = Files.walk(dataDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Autowired
    Greeter greeter;
    @Autowired
    GreetingListener listener;

    @Test
    void greetingsSentWithJmsTemplateArriveAtTheJmsListener() {
        greeter.greet("hello from the test");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(listener.received())
                .containsExactlyInAnyOrder("hello 1 from greeter", "hello 2 from greeter", "hello 3 from greeter",
                        "hello from the test from greeter"));
    }
}
