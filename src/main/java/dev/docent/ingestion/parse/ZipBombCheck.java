package dev.docent.ingestion.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Refuses Office and OpenDocument files whose zip expands far beyond its size, before any parser sees them.
 *
 * <p>Tika turns POI's own zip-bomb check off (OOXMLParser sets {@code ZipSecureFile.setMinInflateRatio(-1)}) and
 * relies on its SecureContentHandler instead, which only counts text once POI has already loaded the whole part
 * into memory: a 200 MB document.xml is read completely before it is refused, a few GB would exhaust the heap. This
 * check inflates the entries itself, counting real bytes (the sizes a zip declares can lie), and stops early.
 */
public final class ZipBombCheck {

    /** Tika's SecureContentHandler default: text may be at most 100 times the size of the file it came from. */
    public static final long MAX_EXPANSION_RATIO = 100;

    /** Small files may expand further: a 50 KB document with a 6 MB XML part is unusual but harmless. */
    static final long ALWAYS_ALLOWED_BYTES = 20L * 1024 * 1024;

    /**
     * However large the file, it may not expand beyond this: the ratio alone let a 50 MB upload expand to 5 GB, all of
     * it read, and the XML parsed into memory. 256 MB of expanded parts is far beyond a real document's text.
     */
    static final long MAX_EXPANDED_BYTES = 256L * 1024 * 1024;

    private ZipBombCheck() {}

    /** Whether the zip-based file at {@code file} expands to more than its allowance. */
    static boolean expandsTooMuch(Path file) throws IOException {
        return expandsTooMuch(file, MAX_EXPANDED_BYTES);
    }

    /** The most bytes a zip of {@code size} bytes may expand to, with {@code cap} as the absolute bound. */
    public static long allowance(long size, long cap) {
        return Math.min(cap, Math.max(ALWAYS_ALLOWED_BYTES, MAX_EXPANSION_RATIO * size));
    }

    static boolean expandsTooMuch(Path file, long cap) throws IOException {
        long allowance = allowance(Files.size(file), cap);
        long expanded = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                try (InputStream in = zip.getInputStream(entries.nextElement())) {
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        expanded += n;
                        if (expanded > allowance) {
                            return true;
                        }
                        if (Thread.currentThread().isInterrupted()) {
                            throw new IOException("parse cancelled");
                        }
                    }
                }
            }
        }
        return false;
    }
}
