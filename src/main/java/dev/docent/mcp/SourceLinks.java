package dev.docent.mcp;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import java.util.UUID;

/**
 * Links to a document's original file ({@code /api/documents/{id}/file}, at the page when known), absolute so that an
 * agent can follow them outside Docent. The base is the origin the agent called, as Docent's pages see it (the proxy's
 * when {@code DOCENT_PROXY_HEADERS} is on); opening a link needs the same bearer token and the right to read it.
 *
 * @param base scheme, host and port, without a trailing slash; empty for links relative to Docent's root
 */
record SourceLinks(String base) {

    static SourceLinks of(HttpServerRequest request) {
        if (request == null) {
            return new SourceLinks("");
        }
        HostAndPort authority = request.authority();
        if (authority == null) {
            return new SourceLinks("");
        }
        boolean defaultPort = authority.port() < 0
                || (request.scheme().equals("https") && authority.port() == 443)
                || (request.scheme().equals("http") && authority.port() == 80);
        return new SourceLinks(
                request.scheme() + "://" + authority.host() + (defaultPort ? "" : ":" + authority.port()));
    }

    String to(UUID documentId, Integer page) {
        return base + "/api/documents/" + documentId + "/file" + (page == null ? "" : "#page=" + page);
    }
}
