package dev.docent.ingestion;

import java.util.List;

/**
 * What a ZIP bulk upload did with each file inside: the documents it added (or found already there), the files it
 * refused and why, and the ones it skipped as operating-system clutter.
 *
 * @param archive the archive's file name
 * @param collection where the documents went
 * @param accepted one line per document stored or already present
 * @param refused one line per file not stored, with the reason
 * @param skipped files left out on purpose ({@code __MACOSX/}, {@code .DS_Store}, hidden files); folders are not listed
 */
public record ZipReport(
        String archive, String collection, List<Accepted> accepted, List<Refused> refused, List<Refused> skipped) {

    /**
     * A file that became a document.
     *
     * @param entry the file's path inside the archive, as the archive names it
     * @param created false when the same bytes were already in the collection (the existing document is kept)
     */
    public record Accepted(String entry, DocumentView document, boolean created) {}

    /** A file that was not stored, and why, in words the admin can act on. */
    public record Refused(String entry, String reason) {}

    /** Whether any new document came out of the archive. */
    public boolean createdAny() {
        return accepted.stream().anyMatch(Accepted::created);
    }
}
