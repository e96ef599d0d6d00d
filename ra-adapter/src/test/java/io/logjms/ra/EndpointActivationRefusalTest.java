package io.logjms.ra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.resource.spi.InvalidPropertyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * GlassFish never calls {@code ActivationSpec.validate()}: {@code endpointActivation} refuses a bad
 * specification itself, before connecting or starting any work.
 */
@Timeout(10)
class EndpointActivationRefusalTest {

    @Test
    void endpointActivationRefusesABadPropertyNamingIt() throws Exception {
        try (ThreadWorkManager work = new ThreadWorkManager()) {
            LogJmsResourceAdapter adapter = new LogJmsResourceAdapter();
            adapter.start(new TestBootstrapContext(work, null));
            LogJmsActivationSpec spec = new LogJmsActivationSpec();
            spec.setDestination("orders");
            spec.setAcknowledgeMode("Client-acknowledge");
            TestEndpointFactory endpoints = new TestEndpointFactory(false, message -> { });

            assertThatThrownBy(() -> adapter.endpointActivation(endpoints, spec))
                    .isInstanceOf(InvalidPropertyException.class)
                    .hasMessageContaining("acknowledgeMode");
            assertThat(adapter.activeEndpoints()).isZero();
            assertThat(endpoints.endpointsCreated).hasValue(0);
            adapter.stop();
        }
    }

    @Test
    void endpointActivationRefusesAnotherAdaptersSpec() {
        LogJmsResourceAdapter adapter = new LogJmsResourceAdapter();
        assertThatThrownBy(() -> adapter.endpointActivation(new TestEndpointFactory(false, m -> { }),
                new jakarta.resource.spi.ActivationSpec() {
                    @Override
                    public void validate() {
                    }

                    @Override
                    public jakarta.resource.spi.ResourceAdapter getResourceAdapter() {
                        return null;
                    }

                    @Override
                    public void setResourceAdapter(jakarta.resource.spi.ResourceAdapter ra) {
                    }
                })).hasMessageContaining("not a logjms activation spec");
    }
}
