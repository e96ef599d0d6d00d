package io.logjms.compat.joram;

import io.logjms.compat.ProviderKind;
import io.logjms.compat.Providers;
import java.util.List;
import junit.framework.Test;
import junit.framework.TestSuite;
import org.objectweb.jtests.jms.conform.connection.ConnectionTest;
import org.objectweb.jtests.jms.conform.connection.TopicConnectionTest;
import org.objectweb.jtests.jms.conform.message.MessageBodyTest;
import org.objectweb.jtests.jms.conform.message.MessageDefaultTest;
import org.objectweb.jtests.jms.conform.message.MessageTypeTest;
import org.objectweb.jtests.jms.conform.message.headers.MessageHeaderTest;
import org.objectweb.jtests.jms.conform.message.properties.JMSXPropertyTest;
import org.objectweb.jtests.jms.conform.message.properties.MessagePropertyConversionTest;
import org.objectweb.jtests.jms.conform.message.properties.MessagePropertyTest;
import org.objectweb.jtests.jms.conform.queue.QueueBrowserTest;
import org.objectweb.jtests.jms.conform.queue.TemporaryQueueTest;
import org.objectweb.jtests.jms.conform.selector.SelectorSyntaxTest;
import org.objectweb.jtests.jms.conform.selector.SelectorTest;
import org.objectweb.jtests.jms.conform.session.QueueSessionTest;
import org.objectweb.jtests.jms.conform.session.SessionTest;
import org.objectweb.jtests.jms.conform.session.TopicSessionTest;
import org.objectweb.jtests.jms.conform.session.UnifiedSessionTest;
import org.objectweb.jtests.jms.conform.topic.TemporaryTopicTest;

/**
 * The JORAM JMS conformance tests (196 JUnit 3 tests, rewritten from javax.jms to jakarta.jms at build time) run
 * once against every provider in {@link Providers}, on the JUnit Platform through the vintage engine.
 */
public final class JoramConformanceTest {

    /** Every JORAM test class, in the order of the specification chapters they cover. */
    static final List<Class<? extends junit.framework.TestCase>> JORAM_TEST_CLASSES = List.of(
            ConnectionTest.class,
            TopicConnectionTest.class,
            MessageHeaderTest.class,
            MessageBodyTest.class,
            MessageDefaultTest.class,
            MessageTypeTest.class,
            JMSXPropertyTest.class,
            MessagePropertyConversionTest.class,
            MessagePropertyTest.class,
            QueueBrowserTest.class,
            TemporaryQueueTest.class,
            SelectorSyntaxTest.class,
            SelectorTest.class,
            QueueSessionTest.class,
            SessionTest.class,
            TopicSessionTest.class,
            UnifiedSessionTest.class,
            TemporaryTopicTest.class);

    private JoramConformanceTest() {
    }

    /** The JUnit 3 suite: one child suite per provider, named after it, holding every JORAM test class. */
    public static Test suite() {
        TestSuite all = new TestSuite("JORAM conformance");
        for (ProviderKind kind : Providers.selected()) {
            TestSuite forProvider = new TestSuite(kind.name());
            JORAM_TEST_CLASSES.forEach(testClass -> forProvider.addTest(new TestSuite(testClass)));
            all.addTest(new ProviderBoundSuite(kind, forProvider));
        }
        return all;
    }
}
