package io.logjms.ra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.resource.spi.InvalidPropertyException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ActivationConfigTest {

    private static LogJmsActivationSpec queue(String name) {
        LogJmsActivationSpec spec = new LogJmsActivationSpec();
        spec.setDestination(name);
        spec.setDestinationType("jakarta.jms.Queue");
        return spec;
    }

    private static LogJmsActivationSpec topic(String name) {
        LogJmsActivationSpec spec = new LogJmsActivationSpec();
        spec.setDestination(name);
        spec.setDestinationType("jakarta.jms.Topic");
        return spec;
    }

    private static void assertRefused(LogJmsActivationSpec spec, String property, String... fragments) {
        assertThatThrownBy(spec::validate).isInstanceOf(InvalidPropertyException.class)
                .hasMessageStartingWith("logjms activation property " + property + ":")
                .hasMessageContainingAll(fragments)
                .satisfies(e -> assertThat(((InvalidPropertyException) e).getInvalidPropertyDescriptors())
                        .extracting(d -> d.getName()).containsExactly(property));
    }

    private static LogJmsActivationSpec with(LogJmsActivationSpec spec, Consumer<LogJmsActivationSpec> change) {
        change.accept(spec);
        return spec;
    }

    @Test
    void aQueueByNameWithDefaultsIsValid() throws Exception {
        ActivationConfig config = queue("orders").config();

        assertThat(config.kind).isEqualTo(ActivationConfig.Kind.QUEUE);
        assertThat(config.maxSessions).isEqualTo(ActivationConfig.DEFAULT_MAX_SESSIONS);
        assertThat(config.sessions()).isEqualTo(ActivationConfig.DEFAULT_MAX_SESSIONS);
        assertThat(config.dupsOk).isFalse();
        assertThat(config.durable).isFalse();
    }

    @Test
    void aDestinationIsRequired() {
        assertRefused(new LogJmsActivationSpec(), "destinationLookup", "neither destinationLookup", "nor destination");
    }

    @Test
    void destinationTypeAcceptsOnlyTheTwoJakartaInterfaces() {
        assertRefused(with(queue("orders"), s -> s.setDestinationType("javax.jms.Queue")), "destinationType",
                "'javax.jms.Queue'", "jakarta.jms.Queue or jakarta.jms.Topic");
    }

    @Test
    void aPlainNameWithoutTypeIsAQueueAndALookupWithoutTypeWaitsForTheLookedUpObject() throws Exception {
        LogJmsActivationSpec byName = new LogJmsActivationSpec();
        byName.setDestination("orders");
        assertThat(byName.config().kind).isEqualTo(ActivationConfig.Kind.QUEUE);

        LogJmsActivationSpec byLookup = new LogJmsActivationSpec();
        byLookup.setDestinationLookup("java:/jms/news");
        assertThat(byLookup.config().kind).isNull();
        assertThat(byLookup.config().withKind(ActivationConfig.Kind.TOPIC).kind).isEqualTo(ActivationConfig.Kind.TOPIC);
    }

    @Test
    void aLookedUpDestinationMustMatchTheDeclaredType() throws Exception {
        LogJmsActivationSpec spec = new LogJmsActivationSpec();
        spec.setDestinationLookup("java:/jms/news");
        spec.setDestinationType("jakarta.jms.Queue");

        assertThatThrownBy(() -> spec.config().withKind(ActivationConfig.Kind.TOPIC))
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessage("logjms activation property destinationType: destinationType is jakarta.jms.Queue but"
                        + " destinationLookup 'java:/jms/news' names a jakarta.jms.Topic");
    }

    @Test
    void acknowledgeModeAcceptsAutoAndDupsOk() throws Exception {
        assertThat(with(queue("q"), s -> s.setAcknowledgeMode("Auto-acknowledge")).config().dupsOk).isFalse();
        assertThat(with(queue("q"), s -> s.setAcknowledgeMode("Dups-ok-acknowledge")).config().dupsOk).isTrue();
        assertRefused(with(queue("q"), s -> s.setAcknowledgeMode("Client-acknowledge")), "acknowledgeMode",
                "'Client-acknowledge'", "Auto-acknowledge or Dups-ok-acknowledge");
    }

    @Test
    void subscriptionDurabilityAcceptsDurableAndNonDurable() throws Exception {
        assertThat(with(topic("t"), s -> {
            s.setSubscriptionDurability("Durable");
            s.setSubscriptionName("audit");
        }).config().durable).isTrue();
        assertThat(with(topic("t"), s -> s.setSubscriptionDurability("NonDurable")).config().durable).isFalse();
        assertRefused(with(topic("t"), s -> s.setSubscriptionDurability("durable-ish")), "subscriptionDurability",
                "'durable-ish'", "Durable or NonDurable");
    }

    @Test
    void aDurableSubscriptionNeedsANameAndATopic() {
        assertRefused(with(topic("t"), s -> s.setSubscriptionDurability("Durable")), "subscriptionName",
                "needs a name");
        assertRefused(with(queue("q"), s -> {
            s.setSubscriptionDurability("Durable");
            s.setSubscriptionName("audit");
        }), "subscriptionDurability", "only on topics");
    }

    @Test
    void maxSessionsMustBeBetweenOneAndTheLimit() throws Exception {
        assertThat(with(queue("q"), s -> s.setMaxSessions(3)).config().sessions()).isEqualTo(3);
        assertRefused(with(queue("q"), s -> s.setMaxSessions(0)), "maxSessions", "0 is out of range", "1 to 1000");
        assertRefused(with(queue("q"), s -> s.setMaxSessions(1001)), "maxSessions", "1001 is out of range");
    }

    @Test
    void onlySharedSubscriptionsUseSeveralSessions() throws Exception {
        assertThat(with(topic("t"), s -> s.setMaxSessions(5)).config().sessions()).isEqualTo(1);
        assertThat(with(topic("t"), s -> {
            s.setMaxSessions(5);
            s.setSubscriptionName("shared");
        }).config().sessions()).isEqualTo(5);
        assertThat(with(topic("t"), s -> {
            s.setMaxSessions(5);
            s.setSubscriptionDurability("Durable");
            s.setSubscriptionName("audit");
        }).config().sessions()).isEqualTo(5);
        assertThat(with(topic("t"), s -> {
            s.setMaxSessions(5);
            s.setSubscriptionDurability("Durable");
            s.setSubscriptionName("audit");
            s.setClientId("client-1");
        }).config().sessions()).as("an unshared durable subscription has one consumer").isEqualTo(1);
    }

    @Test
    void startPositionAcceptsEarliestLatestAndAnInstantOnTopicsOnly() throws Exception {
        assertThat(with(topic("t"), s -> s.setStartPosition("earliest")).config().startPosition).isEqualTo("earliest");
        assertThat(with(topic("t"), s -> s.setStartPosition("LATEST")).config().startPosition).isEqualTo("latest");
        assertThat(with(topic("t"), s -> s.setStartPosition("2026-12-01T00:00:00Z")).config().startPosition)
                .isEqualTo("2026-12-01T00:00:00Z");
        assertRefused(with(topic("t"), s -> s.setStartPosition("yesterday")), "startPosition", "'yesterday'",
                "earliest, latest or an ISO-8601 instant");
        assertRefused(with(queue("q"), s -> s.setStartPosition("earliest")), "startPosition", "topics only");
    }

    @Test
    void aMessageSelectorMustParse() throws Exception {
        assertThat(with(queue("q"), s -> s.setMessageSelector("region = 'EU'")).config().messageSelector)
                .isEqualTo("region = 'EU'");
        assertRefused(with(queue("q"), s -> s.setMessageSelector("region = ")), "messageSelector",
                "'region = ' is not a valid selector");
    }

    @Test
    void aConnectionUrlMustBeALogjmsUrl() throws Exception {
        assertThat(with(queue("q"), s -> s.setConnectionUrl("logjms://127.0.0.1:7878?prefetch=5")).config()
                .connectionUrl).isEqualTo("logjms://127.0.0.1:7878?prefetch=5");
        assertRefused(with(queue("q"), s -> s.setConnectionUrl("tcp://127.0.0.1:61616")), "connectionUrl",
                "'tcp://127.0.0.1:61616' is not a valid logjms URL");
        assertRefused(with(queue("q"), s -> s.setConnectionUrl("logjms://h:1?bogus=1")), "connectionUrl", "bogus");
    }

    @Test
    void thePasswordIsNotShown() {
        LogJmsActivationSpec spec = with(queue("q"), s -> {
            s.setUser("app");
            s.setPassword("secret");
        });
        assertThat(spec.toString()).contains("user=app").contains("password=****").doesNotContain("secret");
    }
}
