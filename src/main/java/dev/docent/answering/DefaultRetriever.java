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
        return search.retrieval(query, config.topK(), groups, collection);
    }
}
