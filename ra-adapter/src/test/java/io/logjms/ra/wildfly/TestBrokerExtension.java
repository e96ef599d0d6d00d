package io.logjms.ra.wildfly;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Closes the {@link TestBroker} after everything else of the class, Arquillian's undeployments included:
 * registered before {@code ArquillianExtension}, its {@code afterAll} runs after Arquillian's, so the
 * endpoints are deactivated while the broker still answers.
 */
final class TestBrokerExtension implements AfterAllCallback {
    @Override
    public void afterAll(ExtensionContext context) {
        TestBroker.get().close();
    }
}
