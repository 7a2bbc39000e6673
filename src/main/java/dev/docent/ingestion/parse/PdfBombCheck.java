package dev.docent.ingestion.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Refuses PDF bombs before Tika reads them: compressed streams (content, object streams, fonts) that inflate far
 * beyond the file's size, too many pages, or images declared so large that decoding one would exhaust memory. PDFBox
 * inflates streams into memory or scratch files without a bound of its own; this check inflates them itself,
 * counting real bytes with the same allowance as {@link ZipBombCheck}, and stops early. Images are not inflated (they
 * are never rendered: OCR and inline images are off), only their declared size is checked.
 */
final class PdfBombCheck {

    /** Far beyond a real handbook (Docent's largest test PDF has 41 pages). */
    static final int MAX_PAGES = 5_000;

    /** 100 megapixels: a 300-dpi A0 scan; anything larger is not a document page. */
    static final long MAX_IMAGE_PIXELS = 100_000_000L;

    /** Heap PDFBox may use while loading; the rest goes to bounded scratch files. */
    private static final long MAIN_MEMORY_BYTES = 64L * 1024 * 1024;

    /** Why a PDF was refused, for the admin to read. */
    enum Verdict {
        FINE,
        EXPANDS_TOO_MUCH,
        TOO_MANY_PAGES,
        IMAGE_TOO_LARGE
    }

    private PdfBombCheck() {}

    static Verdict check(Path file) throws IOException {
        return check(file, ZipBombCheck.MAX_EXPANDED_BYTES);
    }

    static Verdict check(Path file, long cap) throws IOException {
        long allowance = ZipBombCheck.allowance(Files.size(file), cap);
        MemoryUsageSetting memory = MemoryUsageSetting.setupMixed(MAIN_MEMORY_BYTES, allowance);
        PDDocument loaded;
        try {
            loaded = Loader.loadPDF(file.toFile(), null, null, null, memory.streamCache);
        } catch (IOException e) {
            // Encrypted or damaged: the parser reports that with its own message.
            return Verdict.FINE;
        }
        try (PDDocument pdf = loaded) {
            if (pdf.getNumberOfPages() > MAX_PAGES) {
                return Verdict.TOO_MANY_PAGES;
            }
            long expanded = 0;
            byte[] buffer = new byte[64 * 1024];
            for (COSObjectKey key : pdf.getDocument().getXrefTable().keySet()) {
                COSObject object = pdf.getDocument().getObjectFromPool(key);
                COSBase base = object == null ? null : object.getObject();
                if (!(base instanceof COSStream stream)) {
                    continue;
                }
                if (COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE))) {
                    long pixels = (long) stream.getInt(COSName.WIDTH, 0) * stream.getInt(COSName.HEIGHT, 0);
                    if (pixels > MAX_IMAGE_PIXELS) {
                        return Verdict.IMAGE_TOO_LARGE;
                    }
                    continue;
                }
                try (InputStream in = stream.createInputStream()) {
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        expanded += n;
                        if (expanded > allowance) {
                            return Verdict.EXPANDS_TOO_MUCH;
                        }
                        if (Thread.currentThread().isInterrupted()) {
                            throw new IOException("parse cancelled");
                        }
                    }
                } catch (IOException e) {
                    // A stream PDFBox cannot inflate is for the parser to report (or skip), not a bomb.
                    if (e.getMessage() != null && e.getMessage().contains("parse cancelled")) {
                        throw e;
                    }
                }
            }
        }
        return Verdict.FINE;
    }
}
