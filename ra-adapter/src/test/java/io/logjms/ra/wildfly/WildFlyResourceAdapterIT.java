package io.logjms.ra.wildfly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logjms.ra.wildfly.app.Forwarder;
import io.logjms.ra.wildfly.app.SenderBean;
import io.logjms.ra.wildfly.durable.DurableTopicMdb;
import io.logjms.ra.wildfly.replay.ReplayMdb;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The adapter in a real WildFly ({@code standalone-full.xml}, unpacked by the build into target/): the
 * rar built by this module ({@code target/logjms-ra.rar}, its ironjacamar.xml pointed at the test broker)
 * and test applications bound to it with {@code jboss-ejb3.xml}. The broker runs in this JVM; every
 * check reads from it, so all tests run as a client. One container start serves every case.
 */
@ExtendWith({TestBrokerExtension.class, ArquillianExtension.class})
@RunAsClient
@Timeout(180)
class WildFlyResourceAdapterIT {
    static final String RAR = "logjms-ra.rar";

    @ArquillianResource
    private Deployer deployer;

    @ArquillianResource
    @OperateOnDeployment("app")
    private URL app;

    @Deployment(name = "rar", order = 1, testable = false)
    static Archive<?> resourceAdapter() {
        String url = TestBroker.get().url();
        File built = new File(System.getProperty("logjms.ra.rar", "target/logjms-ra.rar"));
        ResourceAdapterArchive rar = ShrinkWrap.create(ZipImporter.class, RAR).importFrom(built)
                .as(ResourceAdapterArchive.class);
        rar.delete("META-INF/ironjacamar.xml");
        rar.addAsManifestResource(new StringAsset(ironJacamar(url)), "ironjacamar.xml");
        return rar;
    }

    @Deployment(name = "app", order = 2, testable = false)
    static WebArchive application() {
        return war("ra-it-app.war").addPackage(SenderBean.class.getPackage());
    }

    @Deployment(name = "durable", managed = false, testable = false)
    static WebArchive durableSubscriber() {
        return war("ra-it-durable.war").addClass(Forwarder.class).addClass(DurableTopicMdb.class);
    }

    @Deployment(name = "replay", managed = false, testable = false)
    static WebArchive replaySubscriber() {
        return war("ra-it-replay.war").addClass(Forwarder.class).addClass(ReplayMdb.class);
    }

    @Deployment(name = "example", managed = false, testable = false)
    static WebArchive exampleApplication() {
        File built = new File(System.getProperty("logjms.example.war",
                "../examples/jakarta-ee-example/target/logjms-jakarta-ee-example.war"));
        return ShrinkWrap.create(ZipImporter.class, "logjms-jakarta-ee-example.war").importFrom(built)
                .as(WebArchive.class);
    }

    private static WebArchive war(String name) {
        return ShrinkWrap.create(WebArchive.class, name)
                .addAsWebInfResource(new StringAsset(JBOSS_EJB3), "jboss-ejb3.xml");
    }

    @Test
    void aSendInACommittedContainerTransactionIsDeliveredAndARolledBackOneIsNot() throws Exception {
        assertThat(post("ra.it.tx", "committed", "commit")).isEqualTo("done");
        assertThat(post("ra.it.tx", "marked-rollback", "rollback")).isEqualTo("done");
        assertThat(post("ra.it.tx", "system-exception", "fail")).startsWith("failed");
        assertThat(post("ra.it.tx", "no-transaction", "none")).isEqualTo("done");
        assertThat(post("ra.it.tx", "context-committed", "context-commit")).isEqualTo("done");
        assertThat(post("ra.it.tx", "context-marked-rollback", "context-rollback")).isEqualTo("done");

        List<String> texts = texts(TestBroker.get().drain("ra.it.tx", 10, 20_000, 2_000));
        assertThat(texts).containsExactlyInAnyOrder("committed", "no-transaction", "context-committed");
    }

    @Test
    void anEjbSendIsAnXaBranchThatWildFlyPreparesAndCommitsOrRollsBack() throws Exception {
        TestBroker broker = TestBroker.get();
        double prepares = broker.xaRequests("prepare");
        double commits = broker.xaRequests("commit");
        assertThat(post("ra.it.xa", "two-phase", "xa-commit")).isEqualTo("done");
        // only an enlisted XAResource is prepared: the send went through WildFly's transaction manager
        assertThat(broker.xaRequests("prepare") - prepares).isEqualTo(1);
        assertThat(broker.xaRequests("commit") - commits).isEqualTo(1);

        double rollbacks = broker.xaRequests("rollback");
        assertThat(post("ra.it.xa", "two-phase-rolled-back", "xa-rollback")).isEqualTo("done");
        assertThat(broker.xaRequests("rollback") - rollbacks).isGreaterThanOrEqualTo(1);

        assertThat(texts(broker.drain("ra.it.xa", 3, 20_000, 1_000))).containsExactly("two-phase");
    }

    @Test
    void aQueueMdbGetsEveryMessageOnce() throws Exception {
        String[] sent = IntStream.range(0, 50).mapToObj(i -> "order-" + i).toArray(String[]::new);
        TestBroker.get().send("ra.it.orders", false, sent);

        List<Message> seen = TestBroker.get().drain("ra.it.orders.seen", sent.length + 1, 60_000, 3_000);
        assertThat(texts(seen)).containsExactlyInAnyOrder(sent);
    }

    @Test
    void anMdbThatReceivesAndSendsInOneXaTransactionRolledBackLeavesNeitherEffect() throws Exception {
        double rollbacks = TestBroker.get().xaRequests("rollback");
        TestBroker.get().send("ra.it.rollback", false, "once-rolled-back");

        List<Message> seen = TestBroker.get().drain("ra.it.rollback.seen", 2, 30_000, 3_000);
        // the bean forwards every delivery and rolls the first one back: that forward never appears, and the
        // receipt was rolled back with it, since the message came again with its delivery count raised
        assertThat(texts(seen)).containsExactly("once-rolled-back");
        assertThat(seen.get(0).getIntProperty(Forwarder.DELIVERY_COUNT)).isEqualTo(2);
        assertThat(TestBroker.get().xaRequests("rollback") - rollbacks).isGreaterThanOrEqualTo(1);
    }

    @Test
    void anOnMessageExceptionRedeliversUntilTheBrokerDeadLettersTheMessage() throws Exception {
        TestBroker.get().send("ra.it.poison", false, "poison");

        List<Message> attempts = TestBroker.get().drain("ra.it.poison.attempts", TestBroker.MAX_DELIVERY_ATTEMPTS + 1,
                30_000, 3_000);
        List<Integer> counts = new ArrayList<>();
        for (Message attempt : attempts) {
            counts.add(attempt.getIntProperty(Forwarder.DELIVERY_COUNT));
        }
        assertThat(counts).containsExactly(IntStream.rangeClosed(1, TestBroker.MAX_DELIVERY_ATTEMPTS).boxed()
                .toArray(Integer[]::new));
        assertThat(texts(TestBroker.get().drain("DLQ", 2, 20_000, 1_000))).containsExactly("poison");
    }

    @Test
    void aDurableTopicMdbMissesNothingAcrossUndeployAndRedeploy() throws Exception {
        deployer.deploy("durable");
        try {
            // the subscription exists once the first message published after activation is forwarded
            awaitSubscribed("ra.it.news", "ra.it.news.seen");
            TestBroker.get().send("ra.it.news", true, "before-1", "before-2");
            assertThat(texts(TestBroker.get().drain("ra.it.news.seen", 3, 30_000, 2_000)))
                    .containsExactlyInAnyOrder("before-1", "before-2");
        } finally {
            deployer.undeploy("durable");
        }
        TestBroker.get().send("ra.it.news", true, "while-away-1", "while-away-2", "while-away-3");
        deployer.deploy("durable");
        try {
            assertThat(texts(TestBroker.get().drain("ra.it.news.seen", 4, 30_000, 3_000)))
                    .containsExactlyInAnyOrder("while-away-1", "while-away-2", "while-away-3");
        } finally {
            deployer.undeploy("durable");
        }
    }

    @Test
    void startPositionEarliestReplaysHistoryIntoANewMdb() throws Exception {
        String[] history = IntStream.range(0, 5).mapToObj(i -> "history-" + i).toArray(String[]::new);
        TestBroker.get().send("ra.it.history", true, history);   // no subscriber yet: only the log keeps them

        deployer.deploy("replay");
        try {
            assertThat(texts(TestBroker.get().drain("ra.it.history.seen", history.length + 1, 30_000, 3_000)))
                    .containsExactlyInAnyOrder(history);
        } finally {
            deployer.undeploy("replay");
        }
    }

    @Test
    void theExampleApplicationSendsAndReceivesOrders() throws Exception {
        deployer.deploy("example");
        try {
            URI orders = URI.create("http://127.0.0.1:9080/logjms-jakarta-ee-example/orders");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> sent = http.send(HttpRequest.newBuilder(URI.create(orders + "?order=book"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(sent.body()).isEqualTo("sent book\n");

            HttpRequest list = HttpRequest.newBuilder(orders).GET().build();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> http.send(list, HttpResponse.BodyHandlers.ofString()).body(), body -> !body.isEmpty());
            assertThat(http.send(list, HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("book\n");
        } finally {
            deployer.undeploy("example");
        }
    }

    /** Publishes probes until the new subscriber forwards one (its activation is asynchronous). */
    private static void awaitSubscribed(String topic, String seenQueue) throws JMSException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            TestBroker.get().send(topic, true, "probe");
            if (!TestBroker.get().drain(seenQueue, 1, 1_000, 1).isEmpty()) {
                // a probe arrived; drain the others that may follow
                TestBroker.get().drain(seenQueue, 100, 1_000, 1_000);
                return;
            }
        }
        throw new AssertionError("the durable subscriber did not start within 30 s");
    }

    private String post(String queue, String text, String outcome) throws Exception {
        URI uri = app.toURI().resolve("send?queue=" + enc(queue) + "&text=" + enc(text) + "&outcome=" + enc(outcome));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static List<String> texts(List<Message> messages) throws JMSException {
        List<String> texts = new ArrayList<>();
        for (Message message : messages) {
            texts.add(((TextMessage) message).getText());
        }
        return texts;
    }

    private static String ironJacamar(String url) {
        StringBuilder xml = new StringBuilder("<ironjacamar xmlns=\"http://www.ironjacamar.org/doc/schema\">\n"
                + "  <transaction-support>XATransaction</transaction-support>\n  <connection-definitions>\n");
        String[][] definitions = {
            {"LogJmsManagedConnectionFactory", "ConnectionFactory"},
            {"LogJmsQueueManagedConnectionFactory", "QueueConnectionFactory"},
            {"LogJmsTopicManagedConnectionFactory", "TopicConnectionFactory"}};
        for (String[] definition : definitions) {
            xml.append("    <connection-definition class-name=\"io.logjms.ra.").append(definition[0])
                    .append("\" jndi-name=\"java:/jms/logjms/").append(definition[1])
                    .append("\" pool-name=\"logjms-").append(definition[1]).append("\">\n")
                    .append("      <config-property name=\"connectionUrl\">").append(url)
                    .append("?reconnectTimeout=5000</config-property>\n")
                    .append("      <xa-pool><min-pool-size>0</min-pool-size><max-pool-size>20</max-pool-size></xa-pool>\n")
                    .append("      <recovery no-recovery=\"false\"><recover-credential><user-name>recovery</user-name>"
                            + "<password>recovery</password></recover-credential></recovery>\n")
                    .append("    </connection-definition>\n");
        }
        return xml.append("  </connection-definitions>\n</ironjacamar>\n").toString();
    }

    private static final String JBOSS_EJB3 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <jboss:ejb-jar xmlns:jboss="http://www.jboss.com/xml/ns/javaee"
                           xmlns="http://java.sun.com/xml/ns/javaee"
                           xmlns:mdb="urn:resource-adapter-binding"
                           version="3.1" impl-version="2.0">
              <assembly-descriptor>
                <mdb:resource-adapter-binding>
                  <ejb-name>*</ejb-name>
                  <mdb:resource-adapter-name>%s</mdb:resource-adapter-name>
                </mdb:resource-adapter-binding>
              </assembly-descriptor>
            </jboss:ejb-jar>
            """.formatted(RAR);
}
