package dev.docent.answering;

import dev.docent.retrieval.Retrieval;
import java.util.Set;

/** The second stage: the passages a query finds among what the asker may read. */
public interface Retriever {

    /** Best first, with the query's vector; only collections open to {@code groups}, one when {@code collection}. */
    Retrieval retrieve(String query, Set<String> groups, String collection);
}
