package dev.docent.answering;

import dev.docent.retrieval.Retrieval;
import dev.docent.retrieval.RetrievalConfig;
import dev.docent.retrieval.SearchService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
import java.util.Set;

/** Hybrid search ({@link SearchService}) with the configured number of results. */
@ApplicationScoped
public class DefaultRetriever implements Retriever {

    private final SearchService search;
    private final RetrievalConfig config;

    DefaultRetriever(SearchService search, RetrievalConfig config) {
        this.search = Objects.requireNonNull(search, "search");
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public Retrieval retrieve(String query, Set<String> groups, String collection) {
        AnswerVariant variant = AnswerVariant.current().orElse(null);
        if (variant != null) {
            int k = variant.k() == null ? config.topK() : variant.k();
            return search.retrieval(query, k, groups, collection, variant.mode(), variant.candidates());
        }
        return search.retrieval(query, config.topK(), groups, collection);
    }
}
