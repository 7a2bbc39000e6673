package dev.docent.sources;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads sitemaps (sitemaps.org): the page URLs of a {@code urlset}, or the sitemap URLs of a {@code sitemapindex}
 * (fetched in turn like pages). No DTDs and no external entities: a sitemap is untrusted XML.
 */
final class Sitemaps {

    private Sitemaps() {}

    static boolean isSitemap(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader reader = factory().createXMLStreamReader(in);
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                    String root = reader.getLocalName();
                    return root.equals("urlset") || root.equals("sitemapindex");
                }
            }
            return false;
        } catch (XMLStreamException e) {
            return false;
        }
    }

    /** The {@code <loc>} values, page URLs or nested sitemaps alike. */
    static List<String> locations(Path file) throws IOException {
        List<String> locations = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader reader = factory().createXMLStreamReader(in);
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT
                        && reader.getLocalName().equals("loc")) {
                    locations.add(reader.getElementText().strip());
                }
            }
        } catch (XMLStreamException e) {
            // A broken sitemap yields the locations read before the damage.
        }
        return locations;
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try {
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        } catch (IllegalArgumentException ignored) {
            // not every StAX implementation knows it; DTD support is off anyway
        }
        return factory;
    }
}
