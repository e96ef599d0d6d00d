package io.logjms.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.Version;
import org.junit.jupiter.api.Test;

/**
 * This module's tests run the client on the Netty that Spring Boot 3.5 manages (4.1.x), not the 4.2.x the
 * rest of logjms is built and tested with: together they show the client works on both.
 */
class NettyOnTheClasspathTest {
    @Test
    void theTestsOfThisModuleRunOnNetty41() {
        assertThat(Version.identify().get("netty-common").artifactVersion()).startsWith("4.1.");
    }
}
