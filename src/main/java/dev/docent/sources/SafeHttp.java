package dev.docent.sources;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Predicate;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * HTTP GET for website sources: every address connected to passes the {@link AddressPolicy} (the client's own DNS
 * lookups go through it, so the address checked is the address used), redirects are followed by hand so each hop is
 * checked too, and bodies are streamed to a file with a size limit.
 */
final class SafeHttp implements Closeable {

    static final int MAX_REDIRECTS = 5;

    /** What a GET returned. {@code body} is a temporary file the caller deletes; null unless status is 200. */
    record Fetched(int status, URI uri, String contentType, Path body) {}

    /** A request Docent refused to make or could not complete, with a reason for the sync report. */
    static final class FetchException extends IOException {
        FetchException(String message) {
            super(message);
        }
    }

    /** A host that resolves to an address the policy refuses. */
    private static final class RefusedAddress extends UnknownHostException {
        RefusedAddress(String message) {
            super(message);
        }
    }

    private final CloseableHttpClient client;
    private final long maxBytes;
    private final AddressPolicy policy;

    SafeHttp(AddressPolicy policy, Duration timeout, long maxBytes, String userAgent) {
        this.maxBytes = maxBytes;
        this.policy = policy;
        DnsResolver resolver = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return checked(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        Timeout limit = Timeout.of(timeout);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(resolver)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(limit)
                                .setSocketTimeout(limit)
                                .build())
                        .build())
                .setDefaultRequestConfig(
                        RequestConfig.custom().setResponseTimeout(limit).build())
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAutomaticRetries()
                .setUserAgent(userAgent)
                .build();
    }

    /**
     * GETs {@code uri}, following up to {@link #MAX_REDIRECTS} redirects that {@code mayFollow} accepts.
     *
     * @throws FetchException with a reason: refused address, bad redirect, too large, network error
     */
    Fetched get(URI uri, Predicate<URI> mayFollow) throws FetchException {
        URI current = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            checkScheme(current);
            Fetched fetched = once(current);
            if (fetched.status() / 100 != 3) {
                return fetched;
            }
            URI next = fetched.uri();
            if (next == null) {
                throw new FetchException("HTTP " + fetched.status() + " without a Location to follow");
            }
            checkScheme(next);
            if (!mayFollow.test(next)) {
                throw new FetchException("redirects to " + next + ", outside this source");
            }
            current = next;
        }
        throw new FetchException("more than " + MAX_REDIRECTS + " redirects");
    }

    /** The addresses of a host, all of which the policy allows; one refused address refuses the host. */
    private InetAddress[] checked(String host) throws UnknownHostException {
        InetAddress[] addresses = InetAddress.getAllByName(host);
        for (InetAddress address : addresses) {
            String refusal = policy.refusal(address);
            if (refusal != null) {
                throw new RefusedAddress(host + " resolves to " + refusal);
            }
        }
        return addresses;
    }

    /** One request; for a redirect, {@code uri} is where it points. */
    private Fetched once(URI uri) throws FetchException {
        try {
            // An IP literal may never reach the client's DNS step: checked here (a literal cannot change meanwhile);
            // names are checked again by the resolver on the address actually connected to.
            checked(uri.getHost().replaceAll("^\\[|\\]$", ""));
            return client.execute(new HttpGet(uri), response -> {
                int status = response.getCode();
                if (status / 100 == 3) {
                    Header location = response.getFirstHeader("Location");
                    return new Fetched(status, location == null ? null : uri.resolve(location.getValue()), null, null);
                }
                HttpEntity entity = response.getEntity();
                if (status != 200 || entity == null) {
                    return new Fetched(status, uri, null, null);
                }
                if (entity.getContentLength() > maxBytes) {
                    throw new FetchException("larger than the " + maxBytes / (1024 * 1024) + " MB download limit");
                }
                return new Fetched(status, uri, entity.getContentType(), download(entity));
            });
        } catch (RefusedAddress e) {
            throw new FetchException("refused: " + e.getMessage());
        } catch (FetchException e) {
            throw e;
        } catch (UnknownHostException e) {
            throw new FetchException("unknown host " + uri.getHost());
        } catch (IOException | RuntimeException e) {
            throw new FetchException("could not fetch " + uri + ": " + e.getMessage());
        }
    }

    private Path download(HttpEntity entity) throws IOException {
        Path file = Files.createTempFile("docent-source-", ".download");
        long written = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = entity.getContent();
                OutputStream out = Files.newOutputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                written += n;
                if (written > maxBytes) {
                    throw new FetchException("larger than the " + maxBytes / (1024 * 1024) + " MB download limit");
                }
                out.write(buffer, 0, n);
            }
            return file;
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Only http and https: file:, ftp:, jar: and the like never leave this class. */
    static void checkScheme(URI uri) throws FetchException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchException("only http and https addresses can be fetched, not " + uri);
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new FetchException("the address " + uri + " needs a host and no user name or password");
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
