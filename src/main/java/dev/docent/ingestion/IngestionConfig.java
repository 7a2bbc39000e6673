package dev.docent.ingestion;

import dev.docent.ingestion.parse.OcrSettings;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How uploads are accepted and turned into searchable chunks. */
@ConfigMapping(prefix = "docent.ingestion")
public interface IngestionConfig {

    /** Largest file accepted; bigger uploads are refused with 413 before they are read. */
    @WithDefault("50M")
    MemorySize maxUploadSize();

    /**
     * Background workers that ingest documents in parallel: two overlap one document's parsing and storing with
     * another's embedding (measured by {@code make bench-ingest}).
     */
    @WithDefault("2")
    int workers();

    /** How long a worker holds a job before another may take it over (it renews the lease while alive). */
    @WithDefault("PT2M")
    Duration lease();

    /** Attempts at a job that fails for an unexpected reason before the document is marked failed. */
    @WithDefault("3")
    int maxAttempts();

    /** How long parsing one document may take before it is abandoned. */
    @WithDefault("PT2M")
    Duration parseTimeout();

    /** Most characters extracted from one document. */
    @WithDefault("20000000")
    long maxCharacters();

    /** Chunk sizes, in the embedding model's tokens. */
    Chunking chunking();

    /** Loads Docent's user guide into an empty knowledge base at start-up, so there is something to ask about. */
    @WithDefault("true")
    boolean loadUserGuide();

    /** OCR of scanned PDFs (PDFs without a text layer). */
    Ocr ocr();

    /** OCR of scanned PDFs with Tesseract; needs the Debian packages tesseract-ocr, tesseract-ocr-eng, poppler-utils. */
    interface Ocr {
        /** Off: a scanned PDF is refused, asking for a searchable PDF. */
        @WithDefault("true")
        boolean enabled();

        /** Tesseract languages, e.g. {@code eng} or {@code eng+deu}; each needs its tesseract-ocr-LANG package. */
        @WithDefault(OcrSettings.DEFAULT_LANGUAGES)
        String languages();

        /** Pages read per document (about 1.5 s each); later pages are left out and the parse report says so. */
        @WithDefault("50")
        int maxPages();

        /** Longest OCR of one document; pages not reached are left out and the parse report says so. */
        @WithDefault("PT5M")
        Duration timeout();

        /** Resolution pages are rendered at: Tesseract reads 300 dpi best. */
        @WithDefault("300")
        int dpi();
    }

    /** Bulk upload of a ZIP archive: each file inside becomes a document, under the per-file limits above. */
    Zip zip();

    /** Limits of a ZIP bulk upload, on top of the per-file ones (upload size, zip-bomb ratio) applied to each entry. */
    interface Zip {
        /** Largest archive accepted (the HTTP body limit, {@code DOCENT_HTTP_MAX_BODY}, must allow it too). */
        @WithDefault("100M")
        MemorySize maxSize();

        /** Files read from one archive; the rest are refused in the report, to be uploaded in another archive. */
        @WithDefault("1000")
        int maxFiles();

        /**
         * Most bytes the whole archive may expand to, counted while inflating (the sizes a zip declares can lie);
         * also at most 100 times the archive's size beyond the first 20 MB, the rule each Office file follows.
         */
        @WithDefault("1G")
        MemorySize maxExpandedSize();
    }

    /** How the documents list pages. */
    DocumentList documentList();

    /** Encryption at rest of the stored original files. */
    Files files();

    interface Files {
        /**
         * Key for the original files (AES-256-GCM, streaming, 1 MB segments, each file bound to its document id), as
         * base64 of 32 random bytes ({@code openssl rand -base64 32}). Unset: originals are stored in clear (the
         * database volume must then be encrypted). Env: {@code DOCENT_FILES_KEY}.
         */
        Optional<String> key();

        /**
         * Earlier keys, still able to read files stored under them; at start-up every file not under the current key
         * is re-encrypted with it, after which an old key can be dropped. Env: {@code DOCENT_FILES_PREVIOUS_KEYS}
         * (comma-separated).
         */
        Optional<List<String>> previousKeys();

        /**
         * Re-encrypt, in the background after start-up, every file not under the current key (off only for tests
         * that must not touch other tests' files).
         */
        @WithDefault("true")
        boolean rotateAtStart();
    }

    /** Paging of {@code GET /api/documents} and the documents page. */
    interface DocumentList {
        /** Documents per page when the request names no limit. */
        @WithDefault("50")
        int pageSize();

        /** The most documents one request returns, whatever limit it asks for (the total is always reported). */
        @WithDefault("200")
        int maxPageSize();
    }

    /** Chunk sizes. */
    interface Chunking {
        /**
         * Most tokens per chunk, context line included, capped by the embedding model's window; 0 means the whole
         * window. 128 measured as good as 510 for bge-small on SQuAD (README) and gives precise citations.
         */
        @WithDefault("128")
        int maxTokens();

        /** Tokens of trailing sentences repeated at the start of the next chunk of the same section. */
        @WithDefault("20")
        int overlapTokens();
    }
}
