package io.logjms.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.broker.Broker;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.messaginghub.pooled.jms.JmsPoolSession;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jms.JmsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jms.core.JmsTemplate;

/**
 * With {@code logjms.pool.enabled=true}, JmsTemplate borrows a pooled session for each operation and
 * pooled-jms gives the same logjms session back every time: returning it to the pool (which clears its
 * session-level listener) succeeds, so no session is thrown away.
 */
@Timeout(60)
@ExtendWith(OutputCaptureExtension.class)
class LogJmsPoolingIT {
    @TempDir
    Path dataDir;
    private Broker broker;

    @BeforeEach
    void startBroker() {
        broker = Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0).build().start();
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void jmsTemplateReusesOnePooledSessionAndLogsNoWarning(CapturedOutput output) {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LogJmsAutoConfiguration.class, JmsAutoConfiguration.class))
                .withPropertyValues("logjms.url=logjms://127.0.0.1:" + broker.port(), "logjms.pool.enabled=true",
                        "logjms.pool.max-connections=1")
                .run(context -> {
                    JmsTemplate template = context.getBean(JmsTemplate.class);
                    template.setReceiveTimeout(10_000);
                    Set<Session> sessions = new HashSet<>();
                    for (int i = 0; i < 10; i++) {
                        String text = "order-" + i;
                        template.send("orders", s -> s.createTextMessage(text));
                        TextMessage received = (TextMessage) template.receive("orders");
                        assertThat(received.getText()).isEqualTo(text);
                        sessions.add(template.execute(s -> ((JmsPoolSession) s).getInternalSession()));
                    }
                    assertThat(sessions).hasSize(1);
                });
        assertThat(output).doesNotContain("will invalidate").doesNotContain("WARN");
    }
}
