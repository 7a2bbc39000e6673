package dev.docent.ingestion;

import dev.docent.embedding.Embedder;
import dev.docent.ingestion.chunk.Chunker;
import dev.docent.ingestion.parse.DocumentParser;
import dev.docent.ingestion.parse.OcrSettings;
import dev.docent.ingestion.parse.ParseLimits;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Wires the parser and the chunker from configuration and the embedding model. */
@ApplicationScoped
public class IngestionBeans {

    /**
     * Built at start-up: Tika loads its type registry and parsers on first use, which took several seconds on a
     * loaded machine, and the first upload's type check should not wait for it.
     */
    @Produces
    @ApplicationScoped
    @Startup
    DocumentParser parser(IngestionConfig config) {
        var ocr = config.ocr();
        return new DocumentParser(
                new ParseLimits(config.maxCharacters(), config.parseTimeout()),
                new OcrSettings(ocr.enabled(), ocr.languages(), ocr.maxPages(), ocr.timeout(), ocr.dpi()));
    }

    /** Chunks fit the model's window: the configured size is capped by it. */
    @Produces
    @ApplicationScoped
    Chunker chunker(IngestionConfig config, Embedder embedder) {
        int configured = config.chunking().maxTokens();
        int max = configured <= 0 ? embedder.maxTokens() : Math.min(configured, embedder.maxTokens());
        return new Chunker(
                embedder::countTokens, max, Math.min(config.chunking().overlapTokens(), max / 2));
    }
}
