package dev.docent.ingestion.parse;

import java.io.InputStream;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.html.HtmlMapper;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.xml.sax.ContentHandler;

/** How Docent asks Tika to read a document: the text a reader sees, nothing hidden, nothing guessed by OCR. */
final class TikaSettings {

    /**
     * Attachments and embedded files (a spreadsheet in a Word file, files attached to a PDF) are skipped: they
     * would pull in formats Docent does not accept and text a citation could not point to.
     */
    private static final EmbeddedDocumentExtractor SKIP_EMBEDDED = new EmbeddedDocumentExtractor() {
        @Override
        public boolean shouldParseEmbedded(Metadata metadata) {
            return false;
        }

        @Override
        public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml) {
            // Never called: shouldParseEmbedded refuses every embedded document.
        }
    };

    private TikaSettings() {}

    /** A fresh context for one parse (a ParseContext is not thread-safe). */
    static ParseContext newContext() {
        ParseContext context = new ParseContext();
        context.set(PDFParserConfig.class, pdf());
        context.set(OfficeParserConfig.class, office());
        context.set(TesseractOCRConfig.class, noOcr());
        context.set(EmbeddedDocumentExtractor.class, SKIP_EMBEDDED);
        // Keeps the inline styles that hide text, so the safety scan can flag what a reader would never see.
        context.set(HtmlMapper.class, HiddenText.MAPPER);
        return context;
    }

    private static PDFParserConfig pdf() {
        PDFParserConfig config = new PDFParserConfig();
        // A scan must be reported as needing OCR, not silently OCRed if Tesseract happens to be installed.
        config.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        // Bookmarks repeat the headings as a list after the last page, attributed to the wrong page.
        config.setExtractBookmarksText(false);
        config.setExtractInlineImages(false);
        return config;
    }

    private static OfficeParserConfig office() {
        OfficeParserConfig config = new OfficeParserConfig();
        // Master slides hold template placeholders ("Click to edit Master title style"), repeated on every deck.
        config.setIncludeSlideMasterContent(false);
        return config;
    }

    private static TesseractOCRConfig noOcr() {
        TesseractOCRConfig config = new TesseractOCRConfig();
        config.setSkipOcr(true);
        return config;
    }
}
