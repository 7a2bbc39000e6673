package dev.docent.ingestion;

import dev.docent.ingestion.parse.ZipBombCheck;
import dev.docent.system.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Bulk upload of a ZIP: each file inside becomes a document of the chosen collection, through the same checks as a
 * single upload. Entries are inflated one at a time into a private temporary file, counting real bytes (declared sizes
 * can lie) against the per-file limit, the zip-bomb ratio and the archive's total allowance; an entry's name is only a
 * label, never a path, so "../../etc/passwd" cannot reach outside the temporary file.
 */
@ApplicationScoped
public class ZipUpload {

    /** Folders and files that operating systems add to archives; never documents. */
    private static final Set<String> JUNK_FILES = Set.of(".ds_store", "thumbs.db", "desktop.ini", "icon\r");

    @Inject
    DocumentService documents;

    @Inject
    IngestionConfig config;

    /**
     * Unpacks an uploaded archive into documents.
     *
     * @throws InvalidInputException 413 for an archive over the size limit, 415 when it is not a ZIP, 400 when it
     *     holds no files
     */
    public ZipReport upload(Path archive, String archiveName, long size, String collection, String uploadedBy) {
        long maxSize = config.zip().maxSize().asLongValue();
        if (size > maxSize) {
            throw UploadLimit.zipTooLarge(maxSize);
        }
        // Resolved before unpacking, so an unknown collection is a 404 for the request, not a refusal per file.
        String target = documents.collectionName(collection);
        List<ZipReport.Accepted> accepted = new ArrayList<>();
        List<ZipReport.Refused> refused = new ArrayList<>();
        List<ZipReport.Refused> skipped = new ArrayList<>();
        Budget budget = new Budget(
                ZipBombCheck.allowance(size, config.zip().maxExpandedSize().asLongValue()));
        int files = 0;
        try (ZipFile zip = open(archive)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (entry.isDirectory()) {
                    continue;
                }
                String junk = junk(name);
                if (junk != null) {
                    skipped.add(new ZipReport.Refused(name, junk));
                    continue;
                }
                if (++files > config.zip().maxFiles()) {
                    refused.add(new ZipReport.Refused(
                            name,
                            "Over the limit of " + config.zip().maxFiles() + " files per archive: upload it in"
                                    + " another archive."));
                    continue;
                }
                if (budget.spent()) {
                    refused.add(new ZipReport.Refused(name, budget.reason()));
                    continue;
                }
                try {
                    accepted.add(store(zip, entry, target, uploadedBy, budget));
                } catch (InvalidInputException e) {
                    refused.add(new ZipReport.Refused(name, e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (accepted.isEmpty() && refused.isEmpty()) {
            throw new InvalidInputException(
                    400,
                    "The archive '" + FileNames.clean(archiveName) + "' holds no files to add"
                            + (skipped.isEmpty() ? "." : " (only system files such as __MACOSX/ or .DS_Store)."));
        }
        return new ZipReport(FileNames.clean(archiveName), target, accepted, refused, skipped);
    }

    private ZipReport.Accepted store(ZipFile zip, ZipEntry entry, String collection, String by, Budget budget)
            throws IOException {
        Path file = Files.createTempFile(IngestionTempFiles.folder(), "zip-entry-", ".upload");
        try {
            long size = inflate(zip, entry, file, budget);
            try {
                DocumentService.Upload upload = documents.uploadItem(file, entry.getName(), size, collection, by);
                return new ZipReport.Accepted(entry.getName(), upload.document(), upload.created());
            } catch (InvalidInputException e) {
                if (e.status() == 415 && startsLikeZip(file)) {
                    throw new InvalidInputException(
                            415,
                            "An archive inside the archive: nested archives are not unpacked. Upload it on its own.");
                }
                throw e;
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Copies one entry into {@code file}, stopping at the first byte over a limit; returns its real size. */
    private long inflate(ZipFile zip, ZipEntry entry, Path file, Budget budget) throws IOException {
        long max = config.maxUploadSize().asLongValue();
        long compressed = Math.max(1, entry.getCompressedSize());
        long written = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = zip.getInputStream(entry);
                OutputStream out = Files.newOutputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                written += n;
                if (written > max) {
                    // The declared size tells a bomb from a big file before it is read to the end; if it lies,
                    // reading stops here all the same.
                    throw Math.max(written, entry.getSize()) / compressed > ZipBombCheck.MAX_EXPANSION_RATIO
                            ? new InvalidInputException(
                                    422,
                                    "Expands to more than " + ZipBombCheck.MAX_EXPANSION_RATIO + " times its"
                                            + " compressed size and past the per-file limit (a possible zip bomb),"
                                            + " so it was not read.")
                            : UploadLimit.tooLarge(max);
                }
                if (!budget.take(n)) {
                    throw new InvalidInputException(422, budget.reason());
                }
                out.write(buffer, 0, n);
            }
        } catch (ZipException e) {
            // A damaged, encrypted or oddly compressed entry costs that entry, not the archive.
            throw new InvalidInputException(
                    422, "This file is damaged or encrypted inside the archive (" + e.getMessage() + ").");
        }
        return written;
    }

    /** Why an entry is left out, or null when it may be a document. */
    static String junk(String name) {
        String path = name.replace('\\', '/');
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.startsWith("__macosx/") || lower.contains("/__macosx/")) {
            return "macOS resource data, not a document.";
        }
        String base = lower.substring(lower.lastIndexOf('/') + 1);
        if (JUNK_FILES.contains(base)) {
            return "A file the operating system adds to folders, not a document.";
        }
        for (String segment : path.split("/")) {
            if (segment.startsWith(".") && !segment.equals(".") && !segment.equals("..")) {
                return "A hidden file or folder (its name starts with a dot).";
            }
        }
        return null;
    }

    private static ZipFile open(Path archive) {
        try {
            return new ZipFile(archive.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(
                    415,
                    "This is not a ZIP archive Docent can open: send a .zip file (or upload the file on its own).");
        }
    }

    private static boolean startsLikeZip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        }
    }

    /** The bytes the whole archive may still expand to. */
    private static final class Budget {
        private final long allowance;
        private long used;

        Budget(long allowance) {
            this.allowance = allowance;
        }

        boolean take(long bytes) {
            used += bytes;
            return used <= allowance;
        }

        boolean spent() {
            return used > allowance;
        }

        String reason() {
            return "Not read: the archive expands to more than " + (allowance / (1024 * 1024)) + " MB (about "
                    + ZipBombCheck.MAX_EXPANSION_RATIO + " times its size, a possible zip bomb). Upload the rest in"
                    + " smaller archives.";
        }
    }
}
