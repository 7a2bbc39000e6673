package dev.docent.sources;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** The links of an HTML page, absolute and without fragments, in page order. */
final class Links {

    private Links() {}

    static Set<String> of(Path html, String baseUri) throws IOException {
        Document page = Jsoup.parse(html.toFile(), null, baseUri);
        Set<String> links = new LinkedHashSet<>();
        for (Element a : page.select("a[href]")) {
            String rel = a.attr("rel").toLowerCase(java.util.Locale.ROOT);
            if (rel.contains("nofollow")) {
                continue;
            }
            String href = a.absUrl("href");
            int hash = href.indexOf('#');
            if (hash >= 0) {
                href = href.substring(0, hash);
            }
            if (!href.isEmpty()) {
                links.add(href);
            }
        }
        return links;
    }
}
