package io.logjms.compat.joram;

import io.logjms.compat.JmsProviderUnderTest;
import io.logjms.compat.ProviderKind;
import junit.extensions.TestSetup;
import junit.framework.Test;
import org.objectweb.jtests.jms.framework.JMSTestCase;

/**
 * Runs the wrapped JORAM tests against one provider: starts it before the first test, binds it for
 * {@link JoramProviderAdmin} and stops it after the last test.
 */
final class ProviderBoundSuite extends TestSetup {

    private final ProviderKind kind;
    private JmsProviderUnderTest provider;

    ProviderBoundSuite(ProviderKind kind, Test tests) {
        super(tests);
        this.kind = kind;
    }

    @Override
    protected void setUp() {
        // The provider's lifetime is this suite's, so JORAM must not start and stop a server around every test.
        JMSTestCase.startServer = false;
        provider = kind.start();
        JoramProviderBinding.bind(provider);
    }

    @Override
    protected void tearDown() throws Exception {
        JoramProviderBinding.unbind();
        provider.close();
    }
}
