package io.logjms.compat.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.compat.JmsProviderUnderTest;
import io.logjms.compat.ProviderTest;
import io.logjms.compat.SpecDeviation;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.List;

/**
 * Jakarta Messaging 3.1 chapter 3.8: the message selector grammar, evaluated by the provider. Most scenarios
 * browse one queue of four prepared messages with many selectors, so a selector's result is seen without consuming.
 */
class SelectorTest extends JmsScenario {

    /** Four messages with different properties and headers on one queue; each message's body is its id. */
    private final class Fixture {
        final Session session;
        final Queue queue;

        Fixture(JmsProviderUnderTest provider) throws JMSException {
            session = session(provider);
            queue = newQueue(session);
            MessageProducer producer = session.createProducer(queue);
            TextMessage m1 = session.createTextMessage("m1");
            m1.setStringProperty("colour", "red");
            m1.setIntProperty("size", 10);
            m1.setDoubleProperty("weight", 2.5);
            m1.setStringProperty("code", "A_1");
            m1.setBooleanProperty("flag", true);
            m1.setJMSType("small");
            m1.setJMSCorrelationID("corr-1");
            producer.send(m1, DeliveryMode.PERSISTENT, 1, 0);
            TextMessage m2 = session.createTextMessage("m2");
            m2.setStringProperty("colour", "blue");
            m2.setIntProperty("size", 20);
            m2.setDoubleProperty("weight", 5.0);
            m2.setStringProperty("code", "AB1");
            m2.setBooleanProperty("flag", false);
            m2.setJMSType("large");
            producer.send(m2, DeliveryMode.NON_PERSISTENT, 5, 0);
            TextMessage m3 = session.createTextMessage("m3");
            m3.setStringProperty("colour", "green");
            m3.setLongProperty("size", 30L);
            m3.setFloatProperty("weight", 7.5f);
            m3.setStringProperty("code", "B%2");
            m3.setByteProperty("tiny", (byte) 3);
            producer.send(m3, DeliveryMode.PERSISTENT, 9, 0);
            TextMessage m4 = session.createTextMessage("m4");
            m4.setStringProperty("name", "O'Brien");
            m4.setStringProperty("code", "a_1");
            m4.setShortProperty("Size", (short) 10);
            producer.send(m4, DeliveryMode.PERSISTENT, 4, 0);
        }

        /** Ids of the messages the selector selects. */
        List<String> select(String selector) throws JMSException {
            QueueBrowser browser = session.createBrowser(queue, selector);
            try {
                return browseTexts(browser);
            } finally {
                browser.close();
            }
        }

        void assertSelects(String selector, String... expectedIds) throws JMSException {
            assertThat(select(selector)).as("selector %s", selector).containsExactlyInAnyOrder(expectedIds);
        }
    }

    @ProviderTest
    void numericComparisons(JmsProviderUnderTest provider) throws JMSException {
        Fixture fixture = new Fixture(provider);

        fixture.assertSelects("size = 10", "m1");
        fixture.assertSelects("size <> 10", "m2", "m3");
        fixture.assertSelects("size < 20", "m1");
        fixture.assertSelects("size <= 20", "m1", "m2");
        fixture.assertSelects("size > 20", "m3");
        fixture.assertSelects("size >= 20", "m2", "m3");
    }

    @ProviderTest
    void integerAndFloatingPointValuesCompareNumerically(JmsProviderUnderTest provider) throws JMSException {
        Fixture fixture = new Fixture(provider);

        fixture.assertSelects("weight > 5", "m3");
        fixture.assertSelects("weight = 5", "m2");
        fixture.assertSelects("size = 10.0", "m1");
        fixture.assertSelects("tiny = 3", "m3");
        fixture.assertSelects("size > weight", "m1", "m2", "m3");
    }

    @ProviderTest
    void stringEqualityAndInequality(JmsProviderUnderTest provider) throws JMSException {
        Fixture fixture = new Fixture(provider);

        fixture.assertSelects("colour = 'red'", "m1");
        fixture.assertSelects("colour <> 'red'", "m2", "m3");
        fixture.assertSelects("colour = 'RED'");
        fixture.assertSelects("name = 'O''Brien'", "m4");
    }

    @ProviderTest
    void booleanPropertiesAndLiterals(JmsProviderUnderTest provider) throws JMSException {
        Fixture fixture = new Fixture(provider);

        fixture.assertSelects("flag = TRUE", "m1");
        fixture.assertSelects("flag", "m1");
        fixture.assertSelects("NOT flag", "m2");
        fixture.assertSelects("flag = false", "m2");
        fixture.assertSelects("TRUE", "m1", "m2", "m3", "m4");
        fixture.assertSelects("FALSE");
    }

    @ProviderTest
    void arithmeticWithPrecedenceAndUnaryMinus(JmsProviderUnderTest provider) throws JMSException {
        Fixture fixture = new Fixture(provider);

        fixture.assertSelects("size + 5 = 15", "m1");
        fixture.assertSelects("size - 5 = 15", "m2");
        fixture.assertSelects("size * 2 = 60", "m3");
        fixture.assertSelects("size / 5 = 2", "m1");
        fixture.assertSelects("weight / 2 = 1.25", "m1");
        fixture.assertSelects("2 + size * 2 = 42", "m2");
        fixture.assertSelects("(2 + size) * 2 = 24", "m1");
        fixture.assertSelects("-size = -30", "m3");
        fixture.assertSelects("weight * 2 = 15", "m3");
    }

    @ProviderTest
    void likeWithPercentAndUnderscoreWildcards(JmsProviderUnderTest provider) throws JMSException {
        Fixture fixture = new Fixture(provider);

        fixture.assertSelects("code LIKE 'A%'", "m1", "m2");
        fixture.assertSelects("code LIKE 'A_1'", "m1", "m2");
        fixture.assertSelects("code LIKE '__1'", "m1", "m2", "m4");
        fixture.assertSelects("colour LIKE '%ee%'", "m3");
        fixture.assertSelects("colour NOT LIKE 'r%'", "m2", "m3");
    }

    @ProviderTest
    void likeWithAnEscapeCharacter(JmsProviderUnderTest provider) throws JMSException {
        Fixture fixture = new Fixture(provider);

        fixture.assertSelects("code LIKE 'A\\_%' ESCAPE '\\'", "m1");
        fixture.assertSelects("code LIKE '_!%_' ESCAPE '!'", "m3");
    }

    @ProviderTest
    void betweenIsInclusive(JmsProviderUnderTest provider) throws JMSException {
        Fixture fixture = new Fixture(provider);

        fixture.assertSelects("size BETWEEN 10 AND 20", "m1", "m2");
        fixture.assertSelects("size NOT BETWEEN 10 AND 20", "m3");
        fixture.assertSelects("weight BETWEEN 2.5 AND 5", "m1", "m2");
    }

    @ProviderTest
    void inAndNotInOverStringLists(JmsProviderUnderTest provider) throws JMSException {
        Fixture fixture = new Fixture(provider);

        fixture.assertSelects("colour IN ('red', 'green')", "m1", "m3");
        fixture.assertSelects("colour NOT IN ('red', 'green')", "m2");
        fixture.assertSelects("colour IN ('purple')");
    }

    @ProviderTest
    void isNullAndIsNotNull(JmsProviderUnderTest provider) throws JMSException {
        Fixture fixture = new Fixture(provider);

        fixture.assertSelects("colour IS NULL", "m4");
        fixture.assertSelects("colour IS NOT NULL", "m1", "m2", "m3");
        fixture.assertSelects("JMSType IS NULL", "m3", "m4");
    }

    @ProviderTest
    void missingValuesFollowThreeValuedLogic(JmsProviderUnderTest provider) throws JMSException {
        Fixture fixture = new Fixture(provider);

        fixture.assertSelects("colour = 'red' OR TRUE", "m1", "m2", "m3", "m4");
        fixture.assertSelects("NOT (colour = 'red')", "m2", "m3");
        fixture.assertSelects("colour = 'red' OR size > 15", "m1", "m2", "m3");
        fixture.assertSelects("size > 5 AND colour <> 'red'", "m2", "m3");
        fixture.assertSelects("NOT (size > 5 AND code = 'nothing')", "m1", "m2", "m3", "m4");
        fixture.assertSelects("NOT (size > 5 AND colour = 'nothing')", "m1", "m2", "m3");
        fixture.assertSelects("size + 1 > 0", "m1", "m2", "m3");
        fixture.assertSelects("colour NOT IN ('red')", "m2", "m3");
        fixture.assertSelects("name NOT LIKE 'x%'", "m4");
        fixture.assertSelects("size NOT BETWEEN 100 AND 200", "m1", "m2", "m3");
    }

    @ProviderTest
    void headerFieldsCanBeSelected(JmsProviderUnderTest provider) throws JMSException {
        Fixture fixture = new Fixture(provider);

        fixture.assertSelects("JMSType = 'small'", "m1");
        fixture.assertSelects("JMSPriority > 4", "m2", "m3");
        fixture.assertSelects("JMSDeliveryMode = 'NON_PERSISTENT'", "m2");
        fixture.assertSelects("JMSDeliveryMode = 'PERSISTENT'", "m1", "m3", "m4");
        fixture.assertSelects("JMSCorrelationID = 'corr-1'", "m1");
        fixture.assertSelects("JMSTimestamp > 0", "m1", "m2", "m3", "m4");
    }

    @ProviderTest
    void messageIdCanBeSelected(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        MessageProducer producer = session.createProducer(queue);
        TextMessage wanted = session.createTextMessage("wanted");
        producer.send(wanted);
        producer.send(session.createTextMessage("other"));

        MessageConsumer consumer = session.createConsumer(queue, "JMSMessageID = '" + wanted.getJMSMessageID() + "'");

        assertThat(receiveText(consumer)).isEqualTo("wanted");
        assertNoMessage(consumer);
    }

    @ProviderTest
    void keywordsIgnoreCaseButIdentifiersDoNot(JmsProviderUnderTest provider) throws JMSException {
        Fixture fixture = new Fixture(provider);

        fixture.assertSelects("Size = 10", "m4");
        fixture.assertSelects("size = 10 and flag is not null", "m1");
        fixture.assertSelects("colour in ('red') or colour like 'g%'", "m1", "m3");
        fixture.assertSelects("size between 25 and 35", "m3");
    }

    @ProviderTest
    void notAppliesToAWholeComparison(JmsProviderUnderTest provider) throws JMSException {
        assumeSpecCompliant(provider, SpecDeviation.SELECTOR_NOT_BINDS_TIGHTER_THAN_COMPARISON);
        Fixture fixture = new Fixture(provider);

        fixture.assertSelects("NOT flag IS NULL", "m1", "m2");
        fixture.assertSelects("NOT size > 15", "m1");
        fixture.assertSelects("NOT colour = 'red'", "m2", "m3");
    }

    @ProviderTest
    void numericLiteralForms(JmsProviderUnderTest provider) throws JMSException {
        Fixture fixture = new Fixture(provider);

        fixture.assertSelects("weight = 25E-1", "m1");
        fixture.assertSelects("weight = 2.5e0", "m1");
        fixture.assertSelects("weight = 0.25E1", "m1");
        fixture.assertSelects("size = 30", "m3");
        fixture.assertSelects("size < 9223372036854775807", "m1", "m2", "m3");
    }

    @ProviderTest
    void emptyAndNullSelectorsSelectEverything(JmsProviderUnderTest provider) throws JMSException {
        Fixture fixture = new Fixture(provider);

        fixture.assertSelects("", "m1", "m2", "m3", "m4");
        assertThat(fixture.select(null)).containsExactlyInAnyOrder("m1", "m2", "m3", "m4");
    }

    @ProviderTest
    void malformedSelectorsAreRejectedWhenTheConsumerIsCreated(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        List<String> malformed = List.of("size ==", "(size = 1", "colour = 'unterminated", "colour IN ()",
                "size BETWEEN 1", "NOT", "colour LIKE", "1 +", "size = 1 AND", "colour LIKE 'a' ESCAPE 'too long'");

        for (String selector : malformed) {
            assertThatThrownBy(() -> session.createConsumer(queue, selector)).as("selector %s", selector)
                    .isInstanceOf(InvalidSelectorException.class);
        }
    }

    @ProviderTest
    void malformedSelectorsAreRejectedForBrowsersAndSubscribers(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        Topic topic = newTopic(session);

        assertThatThrownBy(() -> session.createBrowser(queue, "a = ")).isInstanceOf(InvalidSelectorException.class);
        assertThatThrownBy(() -> session.createConsumer(topic, "a ^ 2", false))
                .isInstanceOf(InvalidSelectorException.class);
        assertThatThrownBy(() -> session.createSharedConsumer(topic, unique("s"), "= 3"))
                .isInstanceOf(InvalidSelectorException.class);
    }

    @ProviderTest
    void unmatchedMessagesStayOnTheQueueForOtherConsumers(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        MessageProducer producer = session.createProducer(queue);
        for (String colour : List.of("red", "blue", "red", "green")) {
            TextMessage message = session.createTextMessage(colour);
            message.setStringProperty("colour", colour);
            producer.send(message);
        }

        MessageConsumer reds = session.createConsumer(queue, "colour = 'red'");
        assertThat(receiveTexts(reds, 2)).containsExactly("red", "red");
        assertNoMessage(reds);
        reds.close();

        assertThat(receiveTexts(session.createConsumer(queue), 2)).containsExactly("blue", "green");
    }

    @ProviderTest
    void topicSubscribersFilterIndependently(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Topic topic = newTopic(session);
        MessageConsumer big = session.createConsumer(topic, "size > 10");
        MessageConsumer all = session.createConsumer(topic);
        MessageProducer producer = session.createProducer(topic);
        for (int size : new int[] {5, 50, 15}) {
            TextMessage message = session.createTextMessage("size " + size);
            message.setIntProperty("size", size);
            producer.send(message);
        }

        assertThat(receiveTexts(big, 2)).containsExactly("size 50", "size 15");
        assertNoMessage(big);
        assertThat(receiveTexts(all, 3)).containsExactly("size 5", "size 50", "size 15");
    }

    @ProviderTest
    void durableSubscriptionKeepsOnlyMatchingMessages(JmsProviderUnderTest provider) throws JMSException {
        Connection connection = connection(provider);
        connection.setClientID(unique("client"));
        connection.start();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = newTopic(session);
        String subscription = unique("sub");
        session.createDurableConsumer(topic, subscription, "urgent = TRUE", false).close();
        MessageProducer producer = session(provider).createProducer(topic);
        for (boolean urgent : new boolean[] {false, true}) {
            Message message = session.createTextMessage(urgent ? "urgent" : "routine");
            message.setBooleanProperty("urgent", urgent);
            producer.send(message);
        }

        MessageConsumer durable = session.createDurableConsumer(topic, subscription, "urgent = TRUE", false);

        assertThat(receiveText(durable)).isEqualTo("urgent");
        assertNoMessage(durable);
        durable.close();
        session.unsubscribe(subscription);
    }

    @ProviderTest
    void selectorSeesGroupPropertiesSetByTheApplication(JmsProviderUnderTest provider) throws JMSException {
        Session session = session(provider);
        Queue queue = newQueue(session);
        MessageProducer producer = session.createProducer(queue);
        for (String group : List.of("g1", "g2")) {
            Message message = session.createTextMessage(group);
            message.setStringProperty("JMSXGroupID", group);
            producer.send(message);
        }

        assertThat(receiveText(session.createConsumer(queue, "JMSXGroupID = 'g2'"))).isEqualTo("g2");
    }
}
