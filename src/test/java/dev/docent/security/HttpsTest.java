package dev.docent.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Given a PEM certificate and key (DOCENT_TLS_CERT, DOCENT_TLS_KEY), Docent serves HTTPS itself. */
@QuarkusTest
@TestProfile(HttpsTest.WithCertificate.class)
class HttpsTest {

    public static class WithCertificate implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path folder = Path.of("target", "tls-test");
            makeCertificate(folder);
            return Map.of(
                    "quarkus.http.ssl.certificate.files",
                            folder.resolve("cert.pem").toAbsolutePath().toString(),
                    "quarkus.http.ssl.certificate.key-files",
                            folder.resolve("key.pem").toAbsolutePath().toString(),
                    "quarkus.http.test-ssl-port", "0");
        }
    }

    @TestHTTPResource(value = "/q/health/ready", tls = true)
    URL https;

    @Test
    void healthAndTheSignInRedirectAnswerOverTls() {
        given().relaxedHTTPSValidation().get(https).then().statusCode(200).body(containsString("UP"));
        given().relaxedHTTPSValidation()
                .redirects()
                .follow(false)
                .get(https.toString().replace("/q/health/ready", "/chat"))
                .then()
                .statusCode(302);
    }

    /** A self-signed certificate for localhost, made with the JDK's keytool and written as PEM like openssl would. */
    static void makeCertificate(Path folder) {
        try {
            Files.createDirectories(folder);
            Path store = folder.resolve("tls.p12");
            Files.deleteIfExists(store);
            Process keytool = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "keytool")
                                    .toString(),
                            "-genkeypair",
                            "-alias",
                            "docent",
                            "-keyalg",
                            "RSA",
                            "-keysize",
                            "2048",
                            "-validity",
                            "2",
                            "-dname",
                            "CN=localhost",
                            "-ext",
                            "SAN=dns:localhost,ip:127.0.0.1",
                            "-storetype",
                            "PKCS12",
                            "-keystore",
                            store.toString(),
                            "-storepass",
                            "changeit")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (keytool.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, "changeit".toCharArray());
            }
            PrivateKey key = (PrivateKey) keys.getKey("docent", "changeit".toCharArray());
            Files.writeString(folder.resolve("key.pem"), pem("PRIVATE KEY", key.getEncoded()));
            Files.writeString(
                    folder.resolve("cert.pem"),
                    pem("CERTIFICATE", keys.getCertificate("docent").getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
