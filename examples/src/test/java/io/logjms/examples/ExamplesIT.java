package io.logjms.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.broker.Broker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs each example against a real broker and checks what it prints. */
@Timeout(60)
class ExamplesIT {
    @TempDir
    Path dataDir;
    Broker broker;
    PrintStream originalOut;
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        broker = Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0).build().start();
        originalOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        System.setOut(originalOut);
        broker.close();
    }

    private String url() {
        return "logjms://127.0.0.1:" + broker.port();
    }

    @Test
    void quickStartSendsAndReceivesOnAQueueAndATopic() {
        QuickStart.main(new String[] {url()});
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("quickstart.queue: Hello, queue").contains("quickstart.topic: Hello, topic");
    }

    @Test
    void jndiQuickStartDoesTheSameThroughJndi() throws Exception {
        JndiQuickStart.main(new String[] {url()});
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("quickstart.orders: order #1").contains("quickstart.news: breaking news");
    }
}
