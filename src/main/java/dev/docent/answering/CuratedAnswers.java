package dev.docent.answering;

import dev.docent.retrieval.Passage;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The stage that may answer before any model does: a question close enough to an answer the knowledge team wrote
 * gets that answer, cited by its documents. Implemented by {@code dev.docent.curated}; answering never reads its
 * tables.
 */
public interface CuratedAnswers {

    /** The provider recorded for a curated answer: the knowledge team wrote it, no model did. */
    String PROVIDER = "curated";

    /**
     * The curated answer for a query, if one is close enough and the asker may read every one of its documents.
     *
     * @param queryVector the embedded standalone query (as retrieval embedded it); null for a keyword-only search
     * @param groups what the asker may read
     * @param collection only answers whose documents all sit in this collection (by name), or null for any
     */
    Optional<Match> match(float[] queryVector, Set<String> groups, String collection);

    /**
     * A curated answer to serve.
     *
     * @param id the curated answer
     * @param text its text, as the knowledge team wrote it
     * @param documents one passage per document it relies on (the document's opening), in its order: the citations
     * @param similarity how close the query came to the nearest of its questions
     */
    record Match(long id, String text, List<Passage> documents, double similarity) {

        public Match {
            Objects.requireNonNull(text, "text");
            documents = List.copyOf(documents);
        }
    }

    /** No curated answers at all. */
    static CuratedAnswers none() {
        return (queryVector, groups, collection) -> Optional.empty();
    }
}
