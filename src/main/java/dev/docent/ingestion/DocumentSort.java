package dev.docent.ingestion;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The orders the documents list offers, each matching an index of V11 so a page is an index walk, not a sort of the
 * whole table. Every order ends with the id, so pages never overlap or skip a row.
 */
public enum DocumentSort {
    UPLOADED_AT("uploadedAt", true, "d.uploaded_at", "d.id"),
    TITLE("title", false, "lower(coalesce(d.title, d.file_name))", "d.id"),
    SIZE("size", true, "d.size_bytes", "d.id"),
    STATUS("status", false, "d.status", "d.uploaded_at DESC", "d.id DESC"),
    // Ascending puts documents without chunks yet (queued, failed) first; descending, the default, last.
    CHUNKS("chunks", true, "d.chunk_count ASC NULLS FIRST", "d.id");

    private final String apiName;
    private final boolean descendingByDefault;
    private final List<String> keys;

    DocumentSort(String apiName, boolean descendingByDefault, String... keys) {
        this.apiName = apiName;
        this.descendingByDefault = descendingByDefault;
        this.keys = List.of(keys);
    }

    /** The name in {@code ?sort=}. */
    public String apiName() {
        return apiName;
    }

    /** Newest, largest and most chunks come first unless the client asks otherwise. */
    public boolean descendingByDefault() {
        return descendingByDefault;
    }

    /**
     * The ORDER BY list. The keys are written for the ascending order; descending flips every key, which is the same
     * index walked backwards.
     */
    String orderBy(boolean descending) {
        return keys.stream().map(key -> descending ? flipped(key) : key).collect(Collectors.joining(", "));
    }

    public static Optional<DocumentSort> of(String apiName) {
        return Arrays.stream(values())
                .filter(sort -> sort.apiName.equals(apiName))
                .findFirst();
    }

    /** "uploadedAt, title, ...": for the message that lists the accepted values. */
    public static String names() {
        return Arrays.stream(values()).map(DocumentSort::apiName).collect(Collectors.joining(", "));
    }

    private static String flipped(String key) {
        String upper = key.toUpperCase(Locale.ROOT);
        if (upper.endsWith(" ASC NULLS FIRST")) {
            return key.substring(0, key.length() - " ASC NULLS FIRST".length()) + " DESC NULLS LAST";
        }
        if (upper.endsWith(" DESC")) {
            return key.substring(0, key.length() - " DESC".length());
        }
        return key + " DESC";
    }
}
