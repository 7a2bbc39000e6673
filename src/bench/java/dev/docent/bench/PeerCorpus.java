package dev.docent.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The documents and queries both sides of the peer comparison get: samples of {@link RetrievalSet}s written as one
 * folder of {@code SET-ID.txt} files (title, blank line, text), which Docent uploads and the peer loads, and one JSON
 * lines file of queries. A query's relevant documents are file names, as both sides report them.
 */
record PeerCorpus(Path folder, Path queriesFile, List<RetrievalSet> sets, List<Query> queries) {

    /** A query of one set, with the file names of the documents that answer it. */
    record Query(String id, String set, String text, Set<String> relevant) {}

    static PeerCorpus write(List<RetrievalSet> sets, Path folder) {
        try {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> old = Files.list(folder)) {
                    for (Path file : old.toList()) {
                        Files.delete(file);
                    }
                }
            }
            Files.createDirectories(folder);
            List<Query> queries = new ArrayList<>();
            for (RetrievalSet set : sets) {
                for (RetrievalSet.Document d : set.documents()) {
                    Files.writeString(folder.resolve(fileName(set, d.id())), d.fileText(), StandardCharsets.UTF_8);
                }
                for (RetrievalSet.Query q : set.queries()) {
                    queries.add(new Query(
                            set.name() + "-" + q.id(),
                            set.name(),
                            q.text(),
                            q.relevant().stream().map(id -> fileName(set, id)).collect(Collectors.toSet())));
                }
            }
            ObjectMapper json = new ObjectMapper();
            StringBuilder lines = new StringBuilder();
            for (Query q : queries) {
                Map<String, String> line = new LinkedHashMap<>();
                line.put("id", q.id());
                line.put("text", q.text());
                lines.append(json.writeValueAsString(line)).append('\n');
            }
            Path queriesFile = folder.resolveSibling(folder.getFileName() + "-queries.jsonl");
            Files.writeString(queriesFile, lines, StandardCharsets.UTF_8);
            return new PeerCorpus(folder, queriesFile, sets, List.copyOf(queries));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The uploaded file's name, which both sides report as the document's id. */
    static String fileName(RetrievalSet set, String id) {
        return set.name() + "-" + id.replaceAll("[^A-Za-z0-9_-]", "_") + ".txt";
    }

    List<Path> files() {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int documents() {
        return sets.stream().mapToInt(s -> s.documents().size()).sum();
    }

    String describe() {
        return sets.stream()
                .map(s -> "%s (%d documents, %d queries)"
                        .formatted(
                                s.name().equals("squad") ? "SQuAD v1.1 dev paragraphs" : "SciFact train abstracts",
                                s.documents().size(),
                                s.queries().size()))
                .collect(Collectors.joining(" + "));
    }
}
