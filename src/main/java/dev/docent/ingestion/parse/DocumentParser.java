package dev.docent.ingestion.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;

/**
 * Turns a stored upload into titled, page- and heading-aware text blocks with Apache Tika, or refuses it with a
 * message the admin can act on. Thread-safe: one instance serves all ingestion workers.
 */
public class DocumentParser {

    /** Enough for every ingestion worker on a small machine; also the most threads stuck parsers can hold. */
    static final int PARSE_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

    private static final Set<String> SUPPORTED_MEDIA_TYPES = supportedTypes();

    private final ParseLimits limits;
    private final FormatDetector detector;
    private final Parser parser;
    private final MarkdownRenderer markdown = new MarkdownRenderer();
    private final ParseWorkers workers = new ParseWorkers(PARSE_THREADS);
    private final PdfOcr ocr;

    /** A parser with Tika's standard parsers and the given limits, without OCR. */
    public DocumentParser(ParseLimits limits) {
        this(limits, OcrSettings.disabled());
    }

    /** A parser that reads scanned PDFs by OCR when {@code ocr} is enabled. */
    public DocumentParser(ParseLimits limits, OcrSettings ocr) {
        this(limits, ocr, TikaConfig.getDefaultConfig(), null);
    }

    /** For tests: {@code parser} reads every document whose format was accepted (e.g. one that never ends). */
    DocumentParser(ParseLimits limits, Parser parser) {
        this(limits, OcrSettings.disabled(), TikaConfig.getDefaultConfig(), Objects.requireNonNull(parser, "parser"));
    }

    private DocumentParser(ParseLimits limits, OcrSettings ocr, TikaConfig tika, Parser parser) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.ocr = new PdfOcr(Objects.requireNonNull(ocr, "ocr"));
        this.detector = new FormatDetector(tika.getDetector(), tika.getMediaTypeRegistry());
        this.parser = parser != null ? parser : trustingDetection(new AutoDetectParser(tika));
    }

    /**
     * Parses a stored upload.
     *
     * @param file the stored bytes
     * @param fileName the name the client sent: only a hint to tell Markdown or HTML from plain text, and the
     *     fallback title; never used as a path
     * @throws DocumentRejectedException when the document cannot or should not be indexed
     */
    public ParsedDocument parse(Path file, String fileName) throws DocumentRejectedException {
        Objects.requireNonNull(file, "file");
        long started = System.nanoTime();
        String name = DocumentTitle.baseName(fileName);
        AtomicReference<BlockCollector> collector = new AtomicReference<>();
        Parsed parsed = workers.call(() -> parseNow(file, name, started, collector), limits.timeout(), () -> {
            BlockCollector running = collector.get();
            if (running != null) {
                running.cancel();
            }
        });
        if (parsed.document() != null) {
            return parsed.document();
        }
        // A scan: OCR runs here, outside the parse timeout, under its own page and time limits.
        if (parsed.format().image()) {
            return ParsedDocuments.fromOcr(name, 1, ocr.readImage(file), started, parsed.format());
        }
        return ParsedDocuments.fromOcr(
                name, parsed.scannedPages(), ocr.read(file, parsed.scannedPages()), started, SupportedFormat.PDF);
    }

    /** What the text parse found: a document, or a scanned PDF of some pages for OCR to read. */
    private record Parsed(ParsedDocument document, int scannedPages, SupportedFormat format) {}

    /**
     * Checks from the first bytes alone, without parsing, that Docent reads this kind of file: lets the upload
     * request refuse a ZIP or an image at once instead of after the ingestion queue. Fast enough for a request
     * thread (it reads a few KB, or a zip's directory).
     *
     * @return the format {@link #parse} will read the file as
     * @throws DocumentRejectedException EMPTY, UNSUPPORTED_TYPE, or ENCRYPTED for a password-protected Office file
     */
    public SupportedFormat checkSupported(Path file, String fileName) throws DocumentRejectedException {
        return detect(Objects.requireNonNull(file, "file"), DocumentTitle.baseName(fileName));
    }

    /** The media types Docent accepts, in display order; {@link SupportedFormat} has names and extensions. */
    public static Set<String> supportedMediaTypes() {
        return SUPPORTED_MEDIA_TYPES;
    }

    private Parsed parseNow(Path file, String name, long started, AtomicReference<BlockCollector> holder) {
        SupportedFormat format = detect(file, name);
        if (format.image()) {
            if (!ocr.enabled()) {
                throw Rejections.imageWithoutOcr();
            }
            ImageCheck.check(file);
            return new Parsed(null, 1, format);
        }
        BlockCollector collector =
                new BlockCollector(pageMarker(format), format == SupportedFormat.PLAIN_TEXT, limits.maxCharacters());
        holder.set(collector);
        Metadata metadata = new Metadata();
        try (InputStream in = open(file, format, metadata)) {
            if (format.zipped() && ZipBombCheck.expandsTooMuch(file)) {
                throw Rejections.zipBomb(format, null);
            }
            if (format == SupportedFormat.PDF) {
                PdfBombCheck.Verdict verdict = PdfBombCheck.check(file);
                if (verdict != PdfBombCheck.Verdict.FINE) {
                    throw Rejections.pdfBomb(verdict);
                }
            }
            ParseContext context = TikaSettings.newContext();
            if (format == SupportedFormat.EMAIL) {
                context.set(EmbeddedDocumentExtractor.class, new MailBodies(parser, context));
            }
            parser.parse(in, collector, metadata, context);
        } catch (DocumentRejectedException e) {
            throw e;
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            // A deeply nested or huge file must cost this one upload, not the worker thread.
            throw collector.tooMuchText()
                    ? Rejections.tooMuchText(limits.maxCharacters(), e)
                    : Rejections.parseFailure(e, format, limits.maxCharacters());
        }
        if (collector.tooMuchText()) {
            throw Rejections.tooMuchText(limits.maxCharacters(), null);
        }
        if (ocr.enabled() && ParsedDocuments.needsOcr(format, collector)) {
            return new Parsed(null, collector.pages(), format);
        }
        if (format == SupportedFormat.DOCX) {
            collector.addHidden(DocxHiddenRuns.read(file));
        }
        return new Parsed(ParsedDocuments.assemble(format, name, metadata, collector, started), 0, format);
    }

    private SupportedFormat detect(Path file, String name) {
        try {
            if (Files.size(file) == 0) {
                throw Rejections.emptyFile();
            }
            return detector.detect(file, name);
        } catch (IOException e) {
            // Reading Docent's own stored copy failed: a server problem, not something the admin can fix.
            throw new UncheckedIOException(e);
        }
    }

    /** Opens the bytes Tika reads and records their type, already decided from the content, as Content-Type. */
    private InputStream open(Path file, SupportedFormat format, Metadata metadata) throws Exception {
        if (format == SupportedFormat.MARKDOWN) {
            metadata.set(Metadata.CONTENT_TYPE, "text/html; charset=UTF-8");
            return new ByteArrayInputStream(markdown.render(file, limits.maxCharacters()));
        }
        metadata.set(Metadata.CONTENT_TYPE, format.mediaType());
        return TikaInputStream.get(file);
    }

    private static String pageMarker(SupportedFormat format) {
        return switch (format) {
            case PDF -> "page";
            case PPTX -> "slide-content";
            default -> null;
        };
    }

    /**
     * Tika's parsers, choosing by the Content-Type {@link FormatDetector} decided: re-detecting would consult the
     * file name again, which might disagree with the content (a .csv name on plain text would get the CSV parser).
     */
    private static Parser trustingDetection(AutoDetectParser parser) {
        parser.setDetector((input, metadata) -> MediaType.parse(metadata.get(Metadata.CONTENT_TYPE)));
        return parser;
    }

    private static Set<String> supportedTypes() {
        Set<String> types = new LinkedHashSet<>();
        for (SupportedFormat format : SupportedFormat.values()) {
            types.add(format.mediaType());
        }
        return Collections.unmodifiableSet(types);
    }
}
