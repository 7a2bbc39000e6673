package dev.docent.sources;

import dev.docent.system.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A website, from a start page (following links breadth-first, same host by default, within depth and page limits) or
 * from a sitemap; robots.txt is respected, and every request goes through {@link SafeHttp}'s address checks.
 */
@ApplicationScoped
public class WebsiteConnector implements SourceConnector {

    /** Links to these are never documents: not worth a request. */
    private static final Pattern NOT_DOCUMENTS = Pattern.compile(
            ".*\\.(png|jpe?g|gif|svg|webp|ico|css|js|mjs|json|woff2?|ttf|eot|mp[34]|avi|mov|webm|zip|gz|tgz|7z|rar|exe"
                    + "|dmg|iso|apk)$",
            Pattern.CASE_INSENSITIVE);

    /** Content types that become documents (the ingestion checks the content itself again). */
    private static final Pattern DOCUMENT_TYPES = Pattern.compile(
            "text/.*|application/(pdf|xhtml\\+xml|rtf|vnd\\.openxmlformats.*|vnd\\.oasis\\.opendocument\\.text)",
            Pattern.CASE_INSENSITIVE);

    @Inject
    SourcesConfig config;

    @Override
    public String type() {
        return "website";
    }

    @Override
    public String validate(String location) {
        URI uri = parse(location);
        try {
            SafeHttp.checkScheme(uri);
        } catch (SafeHttp.FetchException e) {
            throw new InvalidInputException(
                    400, "A website source needs an http or https address with a host: " + e.getMessage() + ".");
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                String refusal = policy().refusal(address);
                if (refusal != null) {
                    throw new InvalidInputException(400, uri.getHost() + " resolves to " + refusal + ".");
                }
            }
        } catch (UnknownHostException e) {
            throw new InvalidInputException(400, "The host " + uri.getHost() + " does not resolve: check the URL.");
        }
        return uri.toString();
    }

    @Override
    public void walk(SourceDefinition source, Visitor visitor) throws SourceUnavailableException {
        var website = config.website();
        try (SafeHttp http = new SafeHttp(
                policy(), website.requestTimeout(), website.maxDownloadSize().asLongValue(), website.userAgent())) {
            new Crawl(source, visitor, http).run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private AddressPolicy policy() {
        return new AddressPolicy(config.website().allowedPrivateNetworks().orElse(List.of()));
    }

    private static URI parse(String location) {
        try {
            URI uri = new URI(location == null ? "" : location.strip());
            if (!uri.isAbsolute()) {
                throw new InvalidInputException(
                        400, "'" + location + "' is not a full URL: write it like https://docs.example.com/.");
            }
            return new URI(
                            uri.getScheme(),
                            uri.getRawAuthority() == null ? null : uri.getAuthority(),
                            uri.getPath(),
                            uri.getQuery(),
                            null)
                    .normalize();
        } catch (URISyntaxException e) {
            throw new InvalidInputException(
                    400, "'" + location + "' is not a valid URL: write it like https://docs.example.com/.");
        }
    }

    /** One walk over the site. */
    private final class Crawl {
        private record Page(URI uri, int depth) {}

        private final SourceDefinition source;
        private final Visitor visitor;
        private final SafeHttp http;
        private final URI start;
        private final Map<String, RobotsTxt> robots = new HashMap<>();
        private final Set<String> seen = new HashSet<>();
        private final Deque<Page> queue = new ArrayDeque<>();
        private int fetched;

        Crawl(SourceDefinition source, Visitor visitor, SafeHttp http) {
            this.source = source;
            this.visitor = visitor;
            this.http = http;
            this.start = parse(source.location());
        }

        void run() throws SourceUnavailableException, IOException {
            if (!robots(start).allows(pathAndQuery(start))) {
                throw new SourceUnavailableException("robots.txt of " + start.getHost() + " disallows " + start);
            }
            SafeHttp.Fetched first;
            try {
                first = fetch(start);
            } catch (SafeHttp.FetchException e) {
                throw new SourceUnavailableException("The start page could not be fetched: " + e.getMessage());
            }
            if (first.status() != 200) {
                throw new SourceUnavailableException("The start page answered HTTP " + first.status() + ".");
            }
            seen.add(start.toString());
            handle(new Page(start, 0), first);
            while (!queue.isEmpty()) {
                if (fetched >= source.maxItems()) {
                    visitor.truncated("page limit " + source.maxItems() + " reached with " + queue.size()
                            + " link(s) not visited");
                    return;
                }
                Page page = queue.poll();
                try {
                    handle(page, fetch(page.uri()));
                } catch (SafeHttp.FetchException e) {
                    visitor.failed(page.uri().toString(), e.getMessage());
                }
            }
        }

        private SafeHttp.Fetched fetch(URI uri) throws SafeHttp.FetchException {
            pause();
            fetched++;
            return http.get(uri, this::inScope);
        }

        private void handle(Page page, SafeHttp.Fetched response) throws IOException {
            String key = response.uri().toString();
            try {
                if (response.status() == 404 || response.status() == 410) {
                    return; // gone: not seen, so removed if it was an item
                }
                if (response.status() != 200) {
                    visitor.failed(key, "HTTP " + response.status());
                    return;
                }
                if (!page.uri().equals(response.uri()) && !seen.add(key)) {
                    return; // a redirect to a page already read
                }
                String type = response.contentType() == null ? "" : response.contentType();
                if (isSitemap(type, response)) {
                    for (String loc : Sitemaps.locations(response.body())) {
                        enqueue(loc, source.maxDepth());
                    }
                    return;
                }
                if (!DOCUMENT_TYPES.matcher(type.split(";")[0].strip()).matches()) {
                    return;
                }
                boolean html = type.toLowerCase(Locale.ROOT).contains("html");
                if (html && page.depth() < source.maxDepth()) {
                    for (String link : Links.of(response.body(), key)) {
                        enqueue(link, page.depth() + 1);
                    }
                }
                visitor.item(key, label(response.uri(), html), response.body());
            } finally {
                if (response.body() != null) {
                    Files.deleteIfExists(response.body());
                }
            }
        }

        private void enqueue(String link, int depth) {
            URI uri;
            try {
                uri = parse(link);
            } catch (InvalidInputException e) {
                return;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https"))
                    || !inScope(uri)
                    || NOT_DOCUMENTS
                            .matcher(uri.getPath() == null ? "" : uri.getPath())
                            .matches()
                    || !seen.add(uri.toString())) {
                return;
            }
            try {
                if (robots(uri).allows(pathAndQuery(uri))) {
                    queue.add(new Page(uri, depth));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private boolean inScope(URI uri) {
            return source.otherHosts()
                    || (uri.getHost() != null && uri.getHost().equalsIgnoreCase(start.getHost()));
        }

        private RobotsTxt robots(URI uri) throws IOException {
            String origin = uri.getScheme() + "://" + uri.getRawAuthority();
            RobotsTxt rules = robots.get(origin);
            if (rules == null) {
                rules = readRobots(URI.create(origin + "/robots.txt"));
                robots.put(origin, rules);
            }
            return rules;
        }

        private RobotsTxt readRobots(URI uri) throws IOException {
            SafeHttp.Fetched response;
            try {
                pause();
                response = http.get(uri, u -> u.getHost().equalsIgnoreCase(uri.getHost()));
            } catch (SafeHttp.FetchException e) {
                return RobotsTxt.disallowAll();
            }
            try {
                if (response.status() == 200) {
                    return RobotsTxt.parse(
                            Files.readString(response.body()), config.website().userAgent());
                }
                return response.status() >= 500 ? RobotsTxt.disallowAll() : RobotsTxt.allowAll();
            } catch (java.nio.charset.MalformedInputException e) {
                return RobotsTxt.allowAll();
            } finally {
                if (response.body() != null) {
                    Files.deleteIfExists(response.body());
                }
            }
        }

        private void pause() {
            long ms = config.website().requestDelay().toMillis();
            if (ms > 0 && fetched > 0) {
                try {
                    Thread.sleep(ms); // politeness towards the site, not a wait for a result
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("sync interrupted", e);
                }
            }
        }
    }

    private static boolean isSitemap(String type, SafeHttp.Fetched response) throws IOException {
        if (!type.toLowerCase(Locale.ROOT).contains("xml")
                || type.toLowerCase(Locale.ROOT).contains("xhtml")) {
            return false;
        }
        return Sitemaps.isSitemap(response.body());
    }

    private static String pathAndQuery(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** "docs.example.com/guide/start.html": the host and path, with .html when an HTML page's path has no extension. */
    static String label(URI uri, boolean html) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (path.isEmpty() || path.endsWith("/")) {
            path = path + "index";
        }
        if (uri.getQuery() != null) {
            path = path + "_" + uri.getQuery().replaceAll("[^A-Za-z0-9=&._-]", "_");
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (html && !last.matches("(?i).*\\.x?html?$")) {
            path = path + ".html";
        }
        return uri.getHost() + path;
    }
}
