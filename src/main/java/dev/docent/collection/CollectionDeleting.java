package dev.docent.collection;

/**
 * Fired synchronously inside the transaction that deletes a collection, before its row goes: the feature that owns its
 * documents deletes them (with their chunks, files and jobs) in the same transaction, so a failure undoes everything.
 *
 * @param id the collection's id
 * @param name its name
 */
public record CollectionDeleting(long id, String name) {}
