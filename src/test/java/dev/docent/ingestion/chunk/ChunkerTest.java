package dev.docent.ingestion.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docent.embedding.Embedder;
import dev.docent.ingestion.parse.Block;
import dev.docent.ingestion.parse.ParseReport;
import dev.docent.ingestion.parse.ParsedDocument;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Chunking with the embedding model's real wordpiece tokenizer and MiniLM's 126-token window. A Quarkus test because
 * the tokenizer's native library can be loaded by one class loader only, and the Quarkus tests load it first.
 */
@QuarkusTest
class ChunkerTest {

    static final int WINDOW = 126;

    @Inject
    Embedder embedder;

    ToIntFunction<String> tokens;
    Chunker chunker;

    @BeforeEach
    void tokenizer() {
        tokens = embedder::countTokens;
        chunker = new Chunker(tokens, WINDOW, 20);
    }

    @Test
    void everyChunkFitsTheModelWindowContextIncluded() {
        List<Chunk> chunks = chunker.chunk(document("Employee handbook", section(List.of("Leave", "Vacation"), 12)));
        assertTrue(chunks.size() > 3, "a long section gives several chunks");
        for (Chunk chunk : chunks) {
            int counted = tokens.applyAsInt(chunk.embeddingText());
            assertTrue(counted <= WINDOW, "chunk " + chunk.ordinal() + " has " + counted + " tokens");
            assertEquals(counted, chunk.tokenCount(), "the recorded count is the real count");
        }
    }

    @Test
    void chunksNeverCrossAHeadingAndCarryTheirPath() {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block(1, List.of("Leave"), "Employees get 25 days of paid leave per year."));
        blocks.add(new Block(1, List.of("Leave", "Sick leave"), "Sick leave needs a doctor's note after 3 days."));
        blocks.add(new Block(2, List.of("Expenses"), "Travel expenses are reimbursed within 30 days."));
        List<Chunk> chunks = chunker.chunk(document("Handbook", blocks));
        assertEquals(3, chunks.size(), "one chunk per section, small as they are");
        assertEquals("Handbook > Leave > Sick leave", chunks.get(1).context());
        assertEquals(
                "Leave > Sick leave",
                chunker.chunk(document("Leave", blocks)).get(1).context(),
                "said once");
        assertEquals(List.of("Expenses"), chunks.get(2).headingPath());
        assertEquals(2, chunks.get(2).page(), "the page a chunk starts on is kept for citations");
    }

    @Test
    void aChunkNeverSpansTwoPages() {
        List<Block> blocks = List.of(
                new Block(1, List.of(), "The fire exits are marked in green."),
                new Block(2, List.of(), "First aid kits hang next to the lifts."));
        List<Chunk> chunks = chunker.chunk(document("Safety", blocks));
        assertEquals(List.of(1, 2), chunks.stream().map(Chunk::page).toList());
    }

    @Test
    void shortParagraphsOfASectionShareAChunkAndStayWhole() {
        List<Block> blocks = List.of(
                new Block(0, List.of("FAQ"), "Docent answers questions."),
                new Block(0, List.of("FAQ"), "It cites its sources."));
        List<Chunk> chunks = chunker.chunk(document("Guide", blocks));
        assertEquals(1, chunks.size());
        assertEquals(
                "Docent answers questions.\n\nIt cites its sources.",
                chunks.getFirst().content());
    }

    @Test
    void consecutiveChunksOverlapBySentences() {
        List<Chunk> chunks = chunker.chunk(document("Handbook", section(List.of("Leave"), 10)));
        for (int i = 1; i < chunks.size(); i++) {
            String previous = chunks.get(i - 1).content();
            String firstSentence = chunks.get(i).content().split("(?<=\\.)\\s+")[0];
            assertTrue(previous.contains(firstSentence), "chunk " + i + " starts with the end of the previous one");
        }
    }

    @Test
    void noTextIsLostBetweenChunks() {
        List<Block> blocks = section(List.of("Leave"), 10);
        String all = chunker.chunk(document("Handbook", blocks)).stream()
                .map(Chunk::content)
                .collect(Collectors.joining(" "));
        for (Block block : blocks) {
            for (String sentence : block.text().split("(?<=\\.) ")) {
                assertTrue(all.contains(sentence.strip()), "missing: " + sentence);
            }
        }
    }

    @Test
    void aHugeLineWithoutSentencesIsSplitIntoFittingChunks() {
        String line = IntStream.range(0, 40_000).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));
        List<Chunk> chunks = chunker.chunk(document("Log", List.of(new Block(0, List.of(), line))));
        assertTrue(chunks.size() > 100);
        assertTrue(chunks.stream().allMatch(c -> tokens.applyAsInt(c.embeddingText()) <= WINDOW));
        assertTrue(chunks.getLast().content().contains("word39999"), "the end of the line is kept");
    }

    @Test
    void aSingleEndlessWordIsCutToFit() {
        String word = "x".repeat(20_000);
        List<Chunk> chunks = chunker.chunk(document("Blob", List.of(new Block(0, List.of(), word))));
        assertTrue(chunks.stream().allMatch(c -> tokens.applyAsInt(c.embeddingText()) <= WINDOW));
        String rejoined = chunks.stream().map(c -> c.content().replace(" ", "")).collect(Collectors.joining());
        assertEquals(word, rejoined, "every character is kept, in order");
    }

    @Test
    void anOverlongTitleIsShortenedSoContentStillFits() {
        String title = "Quarterly report ".repeat(60);
        List<Chunk> chunks =
                chunker.chunk(document(title, List.of(new Block(0, List.of(), "Revenue grew by 4 percent."))));
        assertEquals(1, chunks.size());
        assertTrue(chunks.getFirst().tokenCount() <= WINDOW);
        assertTrue(chunks.getFirst().content().contains("Revenue grew"));
    }

    @Test
    void aDocumentWithoutBlocksHasNoChunks() {
        assertTrue(chunker.chunk(document("Empty", List.of())).isEmpty());
    }

    static List<Block> section(List<String> path, int paragraphs) {
        List<Block> blocks = new ArrayList<>();
        for (int p = 0; p < paragraphs; p++) {
            StringBuilder text = new StringBuilder();
            for (int s = 0; s < 6; s++) {
                text.append("Paragraph ")
                        .append(p)
                        .append(" sentence ")
                        .append(s)
                        .append(" explains a rule about leave requests and approvals. ");
            }
            blocks.add(new Block(1, path, text.toString().strip()));
        }
        return blocks;
    }

    static ParsedDocument document(String title, List<Block> blocks) {
        long characters = blocks.stream().mapToLong(b -> b.text().length()).sum();
        return new ParsedDocument(title, "text/plain", blocks, new ParseReport(0, characters, 0, 0, 1));
    }
}
