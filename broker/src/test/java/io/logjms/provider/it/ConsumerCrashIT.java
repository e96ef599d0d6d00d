package io.logjms.provider.it;

import static io.logjms.provider.it.QueueIT.text;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A consumer process that dies without closing (SIGKILL, so the socket drops without a CLOSE request):
 * the message it held unacknowledged comes back to another consumer, marked redelivered and counted.
 */
class ConsumerCrashIT extends EmbeddedBrokerSupport {

    @Test
    void aKilledConsumersUnacknowledgedMessageIsRedeliveredWithItsCount() throws Exception {
        Connection connection = connection();
        Session session = connection.createSession();
        Queue queue = session.createQueue("crash");
        session.createProducer(queue).send(session.createTextMessage("held by the crashing consumer"));

        Process consumerProcess = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                CrashingConsumerMain.class.getName(), url(), "crash"))
                .redirectErrorStream(true).start();
        try {
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> firstReceivedLine(consumerProcess));
            assertThat(received.get(30, TimeUnit.SECONDS)).isEqualTo("received held by the crashing consumer");
        } finally {
            consumerProcess.destroyForcibly();
            assertThat(consumerProcess.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }

        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        Message again = consumer.receive(10_000);
        assertThat(again).isNotNull();
        assertThat(text(again)).isEqualTo("held by the crashing consumer");
        assertThat(again.getJMSRedelivered()).isTrue();
        assertThat(again.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
    }

    private static String firstReceivedLine(Process process) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("received ")) {
                    return line;
                }
            }
            return "the consumer process ended without receiving";
        } catch (java.io.IOException e) {
            return "could not read the consumer's output: " + e;
        }
    }
}
