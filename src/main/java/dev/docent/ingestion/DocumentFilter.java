package dev.docent.ingestion;

/**
 * What the documents list is narrowed to; null means "any".
 *
 * @param collection a collection's name
 * @param status {@code queued}, {@code processing}, {@code ready} or {@code failed}
 * @param text a piece of the title or file name, matched without regard to case
 */
public record DocumentFilter(String collection, String status, String text) {}
