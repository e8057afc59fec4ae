package io.coffer.cell.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForwardedRequestsTest {

    private static final String OWN = "http://127.0.0.1:8180";

    @Test
    void aRequestServedWhereItArrivedNamesThisHost() {
        assertThat(ForwardedRequests.clientFacingUrl(request(new HashMap<>()), OWN))
                .isEqualTo(OWN);
    }

    @Test
    void aForwardedRequestNamesTheHostTheClientCalled() {
        HttpServletRequest forwarded = request(new HashMap<>());
        ForwardedRequests.remember(forwarded, "127.0.0.1:8080");
        assertThat(ForwardedRequests.clientFacingUrl(forwarded, OWN)).isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void aHostThatIsNoPlainHostAndPortIsNotPutIntoAUrl() {
        for (String hostile : new String[] {"evil.example/path", "a b", "127.0.0.1:8080@evil", "", "x:99999999"}) {
            HttpServletRequest forwarded = request(new HashMap<>());
            ForwardedRequests.remember(forwarded, hostile);
            assertThat(ForwardedRequests.clientFacingUrl(forwarded, OWN))
                    .as(hostile)
                    .isEqualTo(OWN);
        }
    }

    /** A servlet request that keeps attributes, which is all these rules use of it. */
    private static HttpServletRequest request(Map<String, Object> attributes) {
        return (HttpServletRequest) Proxy.newProxyInstance(
                HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "setAttribute" -> attributes.put((String) arguments[0], arguments[1]);
                    case "getAttribute" -> attributes.get((String) arguments[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
