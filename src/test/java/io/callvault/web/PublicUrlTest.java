package io.callvault.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The base of handed-out URLs: the configured public URL, else the address the request reached, never Host. */
class PublicUrlTest {

    @Test
    void theConfiguredBaseWins() {
        MockHttpServletRequest request = reached("10.1.2.3", 8080);
        assertThat(new PublicUrl("https://calls.example.com/").base(request)).isEqualTo("https://calls.example.com");
    }

    @Test
    void otherwiseTheLocalAddressIsUsedAndIpv6IsBracketed() {
        assertThat(new PublicUrl("").base(reached("10.1.2.3", 8080))).isEqualTo("http://10.1.2.3:8080");
        assertThat(new PublicUrl("").base(reached("0:0:0:0:0:0:0:1", 9090))).isEqualTo("http://[0:0:0:0:0:0:0:1]:9090");
    }

    private static MockHttpServletRequest reached(String localAddress, int port) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/x");
        request.setServerName("evil.example");
        request.addHeader("Host", "evil.example");
        request.setLocalAddr(localAddress);
        request.setLocalPort(port);
        return request;
    }
}
