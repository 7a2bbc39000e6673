package dev.docent.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Website sources reach public addresses only, unless configuration allows a private network (SSRF). */
class AddressPolicyTest {

    @Test
    void privateLoopbackLinkLocalAndMetadataAddressesAreRefusedByDefault() throws Exception {
        AddressPolicy policy = new AddressPolicy(List.of());
        for (String address : List.of(
                "127.0.0.1",
                "127.8.9.10",
                "::1",
                "0.0.0.0",
                "10.1.2.3",
                "172.16.0.1",
                "192.168.1.1",
                "169.254.169.254",
                "100.64.0.1",
                "fd00::1",
                "fe80::1",
                "::ffff:127.0.0.1",
                "::ffff:10.0.0.1",
                "224.0.0.1")) {
            assertNotNull(policy.refusal(InetAddress.getByName(address)), address + " must be refused");
        }
        assertNull(policy.refusal(InetAddress.getByName("93.184.216.34")));
        assertNull(policy.refusal(InetAddress.getByName("2606:2800:220:1::1")));
    }

    @Test
    void anAllowedNetworkOpensOnlyThatNetwork() throws Exception {
        AddressPolicy policy = new AddressPolicy(List.of("127.0.0.0/8", "10.20.0.0/16"));
        assertNull(policy.refusal(InetAddress.getByName("127.0.0.1")));
        assertNull(policy.refusal(InetAddress.getByName("10.20.3.4")));
        assertNotNull(policy.refusal(InetAddress.getByName("10.21.0.1")));
        assertNotNull(policy.refusal(InetAddress.getByName("169.254.169.254")));
        assertNotNull(policy.refusal(InetAddress.getByName("::1")));
    }

    @Test
    void aBadNetworkInConfigurationIsRefusedAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> new AddressPolicy(List.of("intranet.example")));
        assertThrows(IllegalArgumentException.class, () -> new AddressPolicy(List.of("10.0.0.0/40")));
    }

    @Test
    void withoutAllowanceALocalServerIsNeverConnectedTo() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        int port = server.getAddress().getPort();
        try (SafeHttp http = new SafeHttp(new AddressPolicy(List.of()), Duration.ofSeconds(5), 1 << 20, "DocentBot")) {
            for (String url : List.of("http://127.0.0.1:" + port + "/", "http://localhost:" + port + "/")) {
                SafeHttp.FetchException refused =
                        assertThrows(SafeHttp.FetchException.class, () -> http.get(URI.create(url), u -> true));
                assertTrue(refused.getMessage().startsWith("refused: "), refused.getMessage());
            }
            assertThrows(SafeHttp.FetchException.class, () -> http.get(URI.create("file:///etc/passwd"), u -> true));
        } finally {
            server.stop(0);
        }
        assertEquals(0, requests.get(), "no request reached the server");
    }

    @Test
    void aRedirectToTheMetadataAddressIsRefusedOnTheHop() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
        try (SafeHttp http =
                new SafeHttp(new AddressPolicy(List.of("127.0.0.0/8")), Duration.ofSeconds(5), 1 << 20, "DocentBot")) {
            URI start = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/go");
            SafeHttp.FetchException refused =
                    assertThrows(SafeHttp.FetchException.class, () -> http.get(start, u -> true));
            assertTrue(refused.getMessage().startsWith("refused: 169.254.169.254"), refused.getMessage());
        } finally {
            server.stop(0);
        }
    }
}
