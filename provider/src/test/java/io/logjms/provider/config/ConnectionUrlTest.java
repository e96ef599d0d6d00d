package io.logjms.provider.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.provider.message.ObjectMessageAllowList;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionUrlTest {

    @Test
    void defaultsApplyWhenTheUrlNamesOnlyABroker() throws Exception {
        ConnectionOptions options = ConnectionUrl.parse("logjms://localhost:7878");
        assertThat(options.brokers()).containsExactly(new BrokerAddress("localhost", 7878));
        assertThat(options.clientId()).isNull();
        assertThat(options.user()).isNull();
        assertThat(options.prefetch()).isEqualTo(1000);
        assertThat(options.connectTimeout()).isEqualTo(ConnectionOptions.DEFAULT_CONNECT_TIMEOUT);
        assertThat(options.requestTimeout()).isEqualTo(ConnectionOptions.DEFAULT_REQUEST_TIMEOUT);
        assertThat(options.objectMessageAllowList()).isEqualTo(ObjectMessageAllowList.DEFAULT);
        assertThat(options.autoCreate()).isTrue();
    }

    @Test
    void parsesSeveralBrokersIpv6AndEveryOption() throws Exception {
        ConnectionOptions options = ConnectionUrl.parse("logjms://a.example:1000,[::1]:2000,b?clientID=app-1"
                + "&user=svc&password=p%26ss&prefetch=10&connectTimeout=250&requestTimeout=5000"
                + "&objectMessageAllowList=com.acme.*&autoCreate=false");
        assertThat(options.brokers()).containsExactly(new BrokerAddress("a.example", 1000),
                new BrokerAddress("::1", 2000), new BrokerAddress("b", ConnectionOptions.DEFAULT_PORT));
        assertThat(options.clientId()).isEqualTo("app-1");
        assertThat(options.user()).isEqualTo("svc");
        assertThat(options.password()).isEqualTo("p&ss");
        assertThat(options.prefetch()).isEqualTo(10);
        assertThat(options.connectTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(options.requestTimeout()).isEqualTo(Duration.ofMillis(5000));
        assertThat(options.objectMessageAllowList().allowsClassName("com.acme.Order")).isTrue();
        assertThat(options.objectMessageAllowList().allowsClassName("java.lang.String")).isFalse();
        assertThat(options.autoCreate()).isFalse();
        assertThat(options.toString()).doesNotContain("p&ss");
    }

    @Test
    void overridesReplaceUrlOptions() throws Exception {
        ConnectionOptions options = ConnectionUrl.parse("logjms://h:1?prefetch=10",
                Map.of(ConnectionOption.PREFETCH, "20", ConnectionOption.CLIENT_ID, "set-later"));
        assertThat(options.prefetch()).isEqualTo(20);
        assertThat(options.clientId()).isEqualTo("set-later");
    }

    @Test
    void rejectsMalformedUrlsNamingTheProblem() {
        assertThatThrownBy(() -> ConnectionUrl.parse("tcp://h:1")).hasMessageContaining("logjms://");
        assertThatThrownBy(() -> ConnectionUrl.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> ConnectionUrl.parse("logjms://h:notaport")).hasMessageContaining("notaport");
        assertThatThrownBy(() -> ConnectionUrl.parse("logjms://h:70000")).hasMessageContaining("70000");
        assertThatThrownBy(() -> ConnectionUrl.parse("logjms://h:1,,g:2")).hasMessageContaining("empty broker");
        assertThatThrownBy(() -> ConnectionUrl.parse("logjms://::1:7878")).hasMessageContaining("brackets");
        assertThatThrownBy(() -> ConnectionUrl.parse("logjms://[::1:7878")).hasMessageContaining("unclosed");
    }

    @Test
    void rejectsUnknownOptionsAndBadValuesNamingThem() {
        assertThatThrownBy(() -> ConnectionUrl.parse("logjms://h:1?prefech=5"))
                .isInstanceOf(InvalidConnectionUrlException.class)
                .hasMessageContaining("unknown option 'prefech'").hasMessageContaining("prefetch");
        assertThatThrownBy(() -> ConnectionUrl.parse("logjms://h:1?prefetch=0")).hasMessageContaining("prefetch");
        assertThatThrownBy(() -> ConnectionUrl.parse("logjms://h:1?prefetch=many")).hasMessageContaining("many");
        assertThatThrownBy(() -> ConnectionUrl.parse("logjms://h:1?autoCreate=yes")).hasMessageContaining("yes");
        assertThatThrownBy(() -> ConnectionUrl.parse("logjms://h:1?user")).hasMessageContaining("name=value");
        assertThatThrownBy(() -> ConnectionUrl.parse("logjms://h:1?user=a&user=b")).hasMessageContaining("twice");
        assertThatThrownBy(() -> ConnectionUrl.parse("logjms://h:1?objectMessageAllowList=com..x"))
                .hasMessageContaining("objectMessageAllowList");
    }

    @Test
    void reconnectTimeoutDefaultsToOneMinuteAndZeroTurnsReconnectingOff() throws Exception {
        assertThat(ConnectionUrl.parse("logjms://h:1").reconnectTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(ConnectionUrl.parse("logjms://h:1").reconnects()).isTrue();
        ConnectionOptions off = ConnectionUrl.parse("logjms://h:1?reconnectTimeout=0");
        assertThat(off.reconnectTimeout()).isZero();
        assertThat(off.reconnects()).isFalse();
        assertThat(ConnectionUrl.parse("logjms://h:1?reconnectTimeout=2500").reconnectTimeout())
                .isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void rejectsABadReconnectTimeoutSayingWhatItMeans() {
        assertThatThrownBy(() -> ConnectionUrl.parse("logjms://h:1?reconnectTimeout=-1"))
                .isInstanceOf(InvalidConnectionUrlException.class)
                .hasMessageContaining("reconnectTimeout").hasMessageContaining("0 turns reconnecting off")
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> ConnectionUrl.parse("logjms://h:1?reconnectTimeout=1m"))
                .hasMessageContaining("reconnectTimeout").hasMessageContaining("whole number").hasMessageContaining("1m");
    }

    @Test
    void optionValuesRoundTripThroughTheirUrlForm() throws Exception {
        ConnectionOptions options = ConnectionUrl.parse("logjms://h:1?clientID=c&prefetch=7&autoCreate=false");
        assertThat(ConnectionUrl.parse("logjms://h:1", options.asOptionValues())).isEqualTo(options);
    }

    @Test
    void aPasswordInTheUrlNeverAppearsInErrorsOrInTheFactorysDescription() {
        String url = "logjms://h:1?user=svc&password=s3cret&colour=blue";
        assertThatThrownBy(() -> ConnectionUrl.parse(url)).isInstanceOf(InvalidConnectionUrlException.class)
                .hasMessageContaining("'colour'").hasMessageContaining("password=****")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> ConnectionUrl.parse("logjms://h:x?PASSWORD=s3cret"))
                .hasMessageNotContaining("s3cret");
        assertThat(new io.logjms.provider.LogJmsConnectionFactory("logjms://h:1?password=s3cret&prefetch=5").toString())
                .doesNotContain("s3cret").contains("password=****&prefetch=5");
        assertThat(ConnectionUrl.masked("logjms://h:1?prefetch=5")).isEqualTo("logjms://h:1?prefetch=5");
    }

    @Test
    void tlsOptionsAreReadWithTheirDefaultsAndPasswordsMasked() throws Exception {
        ConnectionOptions options = ConnectionUrl.parse("logjms://h:1?tls=true&trustStore=/ca.p12"
                + "&trustStorePassword=t%26p&keyStore=/me.jks&keyStorePassword=kp&keyStoreType=JKS&verifyHost=false");

        assertThat(options.tls()).isEqualTo(new io.logjms.provider.tls.TlsOptions(true, "/ca.p12", "t&p", "PKCS12",
                "/me.jks", "kp", "JKS", false));
        assertThat(ConnectionUrl.parse("logjms://h:1").tls().enabled()).isFalse();
        assertThat(ConnectionUrl.parse("logjms://h:1?tls=true").tls().verifyHost()).isTrue();
        assertThat(ConnectionUrl.parse(ConnectionUrl.SCHEME + "h:1", options.asOptionValues()).tls())
                .isEqualTo(options.tls());
        assertThat(ConnectionUrl.masked("logjms://h:1?trustStorePassword=a&keyStorePassword=b&tls=true"))
                .isEqualTo("logjms://h:1?trustStorePassword=****&keyStorePassword=****&tls=true");
        assertThat(options.toString()).doesNotContain("t&p").doesNotContain("kp");
        assertThatThrownBy(() -> ConnectionUrl.parse("logjms://h:1?verifyHost=yes"))
                .hasMessageContaining("option 'verifyHost' must be true or false");
    }
}
