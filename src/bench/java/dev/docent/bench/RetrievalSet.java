package dev.docent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A retrieval test set as documents (each "title, blank line, text", one uploaded file) and queries with the ids of the
 * documents that answer them: SQuAD v1.1 dev (a document per paragraph, the article's title as its title; one relevant
 * document per question) or SciFact's training split (a document per abstract; claims as queries, qrels as relevance).
 */
record RetrievalSet(String name, List<Document> documents, List<Query> queries) {

    static final Path SCIFACT = Path.of("..", "shared", "data", "scifact");

    record Document(String id, String title, String text) {
        String fileText() {
            return title + "\n\n" + text;
        }
    }

    record Query(String id, String text, Set<String> relevant) {}

    static boolean scifactPresent() {
        return Files.isRegularFile(SCIFACT.resolve("corpus.jsonl"))
                && Files.isRegularFile(SCIFACT.resolve("queries-train.jsonl"))
                && Files.isRegularFile(SCIFACT.resolve("qrels-train.tsv"));
    }

    static RetrievalSet squad(Path file) {
        try {
            List<Document> documents = new ArrayList<>();
            List<Query> queries = new ArrayList<>();
            for (JsonNode article : new ObjectMapper().readTree(file.toFile()).path("data")) {
                String title = article.path("title").asText().replace('_', ' ');
                for (JsonNode p : article.path("paragraphs")) {
                    String id = "p" + documents.size();
                    documents.add(
                            new Document(id, title, p.path("context").asText().strip()));
                    for (JsonNode q : p.path("qas")) {
                        queries.add(new Query(
                                q.path("id").asText(), q.path("question").asText(), Set.of(id)));
                    }
                }
            }
            return new RetrievalSet("squad", documents, queries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RetrievalSet scifact(Path folder) {
        ObjectMapper json = new ObjectMapper();
        try {
            List<Document> documents = new ArrayList<>();
            for (String line : Files.readAllLines(folder.resolve("corpus.jsonl"))) {
                if (!line.isBlank()) {
                    JsonNode d = json.readTree(line);
                    documents.add(new Document(
                            d.path("_id").asText(),
                            d.path("title").asText().strip(),
                            d.path("text").asText().strip()));
                }
            }
            Map<String, Set<String>> relevant = new HashMap<>();
            try (BufferedReader in = Files.newBufferedReader(folder.resolve("qrels-train.tsv"))) {
                in.readLine();
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String[] f = line.split("\t");
                    if (f.length >= 3 && Integer.parseInt(f[2].strip()) > 0) {
                        relevant.computeIfAbsent(f[0], k -> new HashSet<>()).add(f[1]);
                    }
                }
            }
            List<Query> queries = new ArrayList<>();
            for (String line : Files.readAllLines(folder.resolve("queries-train.jsonl"))) {
                if (!line.isBlank()) {
                    JsonNode q = json.readTree(line);
                    String id = q.path("_id").asText();
                    if (relevant.containsKey(id)) {
                        queries.add(new Query(id, q.path("text").asText(), relevant.get(id)));
                    }
                }
            }
            return new RetrievalSet("scifact", documents, queries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Up to {@code limit} queries, a fixed random sample when fewer than all, with the documents they need and a fixed
     * random sample of the others up to {@code documentLimit} in all: a smaller, easier set for a machine too slow to
     * embed the whole corpus (compare variants within one run, not with published figures).
     */
    RetrievalSet sample(int limit, int documentLimit) {
        RetrievalSet queries = sample(limit);
        return new RetrievalSet(name, documents, queries.queries()).withDocuments(documentLimit);
    }

    /** Up to {@code limit} queries, a fixed random sample when fewer than all. */
    RetrievalSet sample(int limit) {
        if (limit >= queries.size()) {
            return this;
        }
        List<Query> copy = new ArrayList<>(queries);
        Collections.shuffle(copy, new Random(7));
        return new RetrievalSet(name, documents, copy.subList(0, limit));
    }

    /**
     * At most {@code limit} documents: every document some query needs, then a fixed random sample of the others
     * (distractors), in the corpus's order. Fewer documents make the task easier: compare variants within one run.
     */
    RetrievalSet withDocuments(int limit) {
        if (limit >= documents.size()) {
            return this;
        }
        Set<String> needed = new HashSet<>();
        queries.forEach(q -> needed.addAll(q.relevant()));
        List<Document> others = new ArrayList<>(
                documents.stream().filter(d -> !needed.contains(d.id())).toList());
        Collections.shuffle(others, new Random(7));
        Set<String> kept = new HashSet<>(needed);
        others.stream().limit(Math.max(0, limit - needed.size())).forEach(d -> kept.add(d.id()));
        return new RetrievalSet(
                name, documents.stream().filter(d -> kept.contains(d.id())).toList(), queries);
    }

    /** Documents by id. */
    Map<String, Document> byId() {
        Map<String, Document> out = new LinkedHashMap<>();
        documents.forEach(d -> out.put(d.id(), d));
        return out;
    }
}
