package dev.docent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** SQuAD's Wikipedia articles as the Markdown files an admin would upload: the title as heading, then paragraphs. */
final class SquadArticles {

    private SquadArticles() {}

    /** Writes one {@code NN-Title.md} per article of a SQuAD v1.1 file into {@code folder}; returns them in order. */
    static List<Path> writeMarkdown(Path squadJson, Path folder) {
        try {
            JsonNode articles = new ObjectMapper().readTree(squadJson.toFile()).path("data");
            Files.createDirectories(folder);
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < articles.size(); i++) {
                JsonNode article = articles.get(i);
                String title = article.path("title").asText().replace('_', ' ');
                StringBuilder text = new StringBuilder("# ").append(title).append("\n\n");
                for (JsonNode paragraph : article.path("paragraphs")) {
                    text.append(paragraph.path("context").asText().strip()).append("\n\n");
                }
                String safeName = title.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("(^-|-$)", "");
                Path file = folder.resolve("%02d-%s.md".formatted(i + 1, safeName));
                Files.writeString(file, text, StandardCharsets.UTF_8);
                files.add(file);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
