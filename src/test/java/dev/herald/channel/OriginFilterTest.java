package dev.herald.channel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code self} entry of the origin allow-list: the hub's own origin only when {@code Host} names it by an address
 * no page can rebind.
 */
class OriginFilterTest {

    @Test
    void selfOrigin_ipLiteralOrLocalhost_isSchemeAndHostAsSent() {
        assertThat(OriginFilter.selfOrigin("http", "127.0.0.1:8080")).isEqualTo("http://127.0.0.1:8080");
        assertThat(OriginFilter.selfOrigin("http", "10.1.2.3")).isEqualTo("http://10.1.2.3");
        assertThat(OriginFilter.selfOrigin("http", "localhost:8080")).isEqualTo("http://localhost:8080");
        assertThat(OriginFilter.selfOrigin("https", "LOCALHOST")).isEqualTo("https://LOCALHOST");
        assertThat(OriginFilter.selfOrigin("http", "[::1]:8080")).isEqualTo("http://[::1]:8080");
        assertThat(OriginFilter.selfOrigin("http", " 192.168.0.7:80 ")).isEqualTo("http://192.168.0.7:80");
    }

    @Test
    void selfOrigin_dnsName_isNothing_soARebindingPageCannotPass() {
        assertThat(OriginFilter.selfOrigin("http", "evil.example:8080")).isNull();
        assertThat(OriginFilter.selfOrigin("http", "hub.example")).isNull();
        assertThat(OriginFilter.selfOrigin("http", "localhost.evil.example:8080")).isNull();
        assertThat(OriginFilter.selfOrigin("http", "127.0.0.1.evil.example")).isNull();
        assertThat(OriginFilter.selfOrigin("http", "256.0.0.1")).isNull();
        assertThat(OriginFilter.selfOrigin("http", "")).isNull();
        assertThat(OriginFilter.selfOrigin("http", null)).isNull();
    }
}
