package dev.docent.mcp;

import java.util.List;

/** What {@code list_collections} returns: the collections the caller may search, by name. */
public record ReadableCollections(List<Entry> collections) {

    /**
     * One collection.
     *
     * @param localOnly its content is only ever answered by a local model (or extractively), never a commercial one
     */
    public record Entry(String name, String description, boolean localOnly) {}
}
