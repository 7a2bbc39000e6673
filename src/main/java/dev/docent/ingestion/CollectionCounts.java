package dev.docent.ingestion;

/**
 * How much of the knowledge base one collection holds, for the documents page.
 *
 * @param chunks searchable passages of its ready documents
 */
public record CollectionCounts(
        String collection, long documents, long chunks, long queued, long processing, long ready, long failed) {}
