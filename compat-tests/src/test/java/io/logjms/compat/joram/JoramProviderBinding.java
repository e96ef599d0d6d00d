package io.logjms.compat.joram;

import io.logjms.compat.JmsProviderUnderTest;

/**
 * The provider the JORAM tests currently run against. JORAM creates its {@code Admin} reflectively through a
 * no-argument constructor, so the provider reaches {@link JoramProviderAdmin} through this binding, set by
 * {@link ProviderBoundSuite} around the tests of one provider. JUnit 3 suites run sequentially.
 */
final class JoramProviderBinding {

    private static volatile JmsProviderUnderTest current;

    private JoramProviderBinding() {
    }

    static void bind(JmsProviderUnderTest provider) {
        current = provider;
    }

    static void unbind() {
        current = null;
    }

    /** The bound provider; fails when JORAM tests are run outside {@link JoramConformanceTest}. */
    static JmsProviderUnderTest current() {
        JmsProviderUnderTest provider = current;
        if (provider == null) {
            throw new IllegalStateException("no JMS provider is bound for the JORAM tests: run them through "
                    + JoramConformanceTest.class.getName());
        }
        return provider;
    }
}
