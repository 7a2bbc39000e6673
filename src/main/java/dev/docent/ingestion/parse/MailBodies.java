package dev.docent.ingestion.parse;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.EmbeddedContentHandler;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Tika's mail parser hands every body part, the message text included, to the embedded-document extractor, which
 * Docent otherwise sets to skip everything. For a mail this one reads the inline text and HTML bodies into the same
 * handler and still skips attachments (files Docent could not cite).
 */
final class MailBodies implements EmbeddedDocumentExtractor {

    private final Parser parser;
    private final ParseContext context;
    private boolean plainTextRead;

    MailBodies(Parser parser, ParseContext context) {
        this.parser = parser;
        this.context = context;
    }

    @Override
    public boolean shouldParseEmbedded(Metadata metadata) {
        // Tika labels even the message text ATTACHMENT; what tells a real attachment is its file name.
        if (metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY) != null) {
            return false;
        }
        String type = baseType(metadata.get(Metadata.CONTENT_TYPE));
        // multipart/alternative carries the same text as plain text and as HTML: read it once.
        return type.equals("text/plain") || type.equals("text/html") && !plainTextRead;
    }

    @Override
    public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
            throws SAXException, IOException {
        plainTextRead |= baseType(metadata.get(Metadata.CONTENT_TYPE)).equals("text/plain");
        String type = MediaType.parse(metadata.get(Metadata.CONTENT_TYPE))
                .getBaseType()
                .toString();
        Metadata part = new Metadata();
        part.set(Metadata.CONTENT_TYPE, type);
        try {
            parser.parse(stream, new EmbeddedContentHandler(new BodyContentHandler(handler)), part, context);
        } catch (org.apache.tika.exception.TikaException e) {
            throw new IOException(e);
        }
    }

    private static String baseType(String contentType) {
        return contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }
}
