package io.logjms.provider.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AdminUrlTest {

    @Test
    void hostAndPort() {
        AdminUrl url = AdminUrl.parse("logjms://broker.example:9000");
        assertThat(url).isEqualTo(new AdminUrl("broker.example", 9000, null, null));
    }

    @Test
    void portDefaultsTo7878() {
        assertThat(AdminUrl.parse("logjms://localhost").port()).isEqualTo(7878);
        assertThat(AdminUrl.parse("logjms://localhost/").port()).isEqualTo(7878);
    }

    @Test
    void credentialsAreDecodedQueryOptions() {
        AdminUrl url = AdminUrl.parse("logjms://127.0.0.1:7878?user=admin&password=p%26ss%3Dword");
        assertThat(url.user()).isEqualTo("admin");
        assertThat(url.password()).isEqualTo("p&ss=word");
    }

    @Test
    void ipv6LiteralLosesItsBrackets() {
        AdminUrl url = AdminUrl.parse("logjms://[::1]:7000");
        assertThat(url.host()).isEqualTo("::1");
        assertThat(url).hasToString("logjms://[::1]:7000");
    }

    @Test
    void toStringHidesThePassword() {
        assertThat(AdminUrl.parse("logjms://h:1?user=u&password=secret"))
                .hasToString("logjms://h:1?user=u&password=***");
    }

    @Test
    void unknownOptionsAreNamed() {
        assertThatThrownBy(() -> AdminUrl.parse("logjms://h:1?user=u&tls=true&timeout=5&prefetch=1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown option(s) in logjms URL: timeout, prefetch (known: user, password, keyStore, "
                        + "keyStorePassword, keyStoreType, tls, trustStore, trustStorePassword, trustStoreType, "
                        + "verifyHost)");
    }

    @Test
    void tlsOptionsAreRead() {
        AdminUrl url = AdminUrl.parse("logjms://h:1?tls=true&trustStore=/t.p12&trustStorePassword=x&verifyHost=false");

        assertThat(url.tls().enabled()).isTrue();
        assertThat(url.tls().trustStore()).isEqualTo("/t.p12");
        assertThat(url.tls().trustStorePassword()).isEqualTo("x");
        assertThat(url.tls().trustStoreType()).isEqualTo("PKCS12");
        assertThat(url.tls().verifyHost()).isFalse();
        assertThat(url).hasToString("logjms://h:1?tls=true");
        assertThatThrownBy(() -> AdminUrl.parse("logjms://h:1?tls=maybe"))
                .hasMessageContaining("option 'tls' must be true or false");
    }

    @Test
    void wrongSchemeMissingHostBadPortAndPathsAreRefused() {
        assertThatThrownBy(() -> AdminUrl.parse("tcp://h:1")).hasMessageContaining("expected logjms://host:port");
        assertThatThrownBy(() -> AdminUrl.parse("logjms://:7878")).hasMessageContaining("no host");
        assertThatThrownBy(() -> AdminUrl.parse("logjms://h:port")).hasMessageContaining("no host");
        assertThatThrownBy(() -> AdminUrl.parse("logjms://h:70000")).hasMessageContaining("outside 1..65535");
        assertThatThrownBy(() -> AdminUrl.parse("logjms://h:1/queues")).hasMessageContaining("only logjms://host:port");
        assertThatThrownBy(() -> AdminUrl.parse("logjms://u@h:1")).hasMessageContaining("only logjms://host:port");
        assertThatThrownBy(() -> AdminUrl.parse("logjms://h:1?user=a&user=b")).hasMessageContaining("given twice");
        assertThatThrownBy(() -> AdminUrl.parse("logjms://h :1")).hasMessageContaining("invalid logjms URL");
    }
}
