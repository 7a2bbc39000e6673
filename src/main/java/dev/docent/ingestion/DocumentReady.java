package dev.docent.ingestion;

import java.util.UUID;

/** Announced (as a CDI event) when a document's chunks become searchable, so other features can react. */
public record DocumentReady(UUID documentId, String collection) {}
