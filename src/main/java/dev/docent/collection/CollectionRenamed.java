package dev.docent.collection;

/**
 * Fired synchronously inside the transaction that renames a collection: features that recorded the collection by name
 * (the gap reports' questions) follow the rename in the same transaction, so reports never show a name that no longer
 * exists, nor split one collection in two.
 *
 * @param id the collection's id
 * @param from its old name
 * @param to its new name
 */
public record CollectionRenamed(long id, String from, String to) {}
