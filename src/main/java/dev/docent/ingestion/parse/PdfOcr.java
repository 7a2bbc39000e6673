package dev.docent.ingestion.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Reads a scanned PDF with OCR: poppler's {@code pdftoppm} renders each page to a grey TIFF (PNG encoding of noisy
 * scans took 28-34 s a page here; TIFF 0.27 s), then {@code tesseract} reads it (1.2-1.5 s a page). External
 * processes rather than Tika's OCR parser: each page gets a deadline, a killed process cannot hang a worker, and the
 * report gets per-page confidence from Tesseract's TSV output.
 */
final class PdfOcr {

    private final OcrSettings settings;

    PdfOcr(OcrSettings settings) {
        this.settings = settings;
    }

    boolean enabled() {
        return settings.enabled();
    }

    /** The text of each page read, and what was left out. */
    record Result(List<Block> blocks, OcrReport report) {}

    /**
     * Reads up to the page limit within the time limit.
     *
     * @param pages the PDF's page count (from the text parse)
     * @throws DocumentRejectedException NO_TEXT_LAYER when OCR is not installed or a page could not be rendered
     */
    Result read(Path pdf, int pages) {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("docent-ocr-");
            List<Block> blocks = new ArrayList<>();
            List<OcrReport.Page> read = new ArrayList<>();
            int last = Math.min(pages, settings.maxPages());
            String reason = pages > last ? "page limit " + settings.maxPages() : null;
            for (int page = 1; page <= last; page++) {
                if (System.nanoTime() > deadline) {
                    reason = "time limit " + settings.timeout();
                    break;
                }
                Path image = render(pdf, page, dir, deadline);
                if (image == null) {
                    reason = "time limit " + settings.timeout();
                    break;
                }
                PageText text = recognize(image, dir.resolve("page-" + page), deadline);
                if (text == null) {
                    reason = "time limit " + settings.timeout();
                    break;
                }
                Files.deleteIfExists(image);
                read.add(new OcrReport.Page(page, text.confidence(), text.text().length()));
                for (String paragraph : text.text().split("\\n\\s*\\n")) {
                    String cleaned = paragraph.replaceAll("\\s+", " ").strip();
                    if (!cleaned.isEmpty()) {
                        blocks.add(new Block(page, List.of(), cleaned));
                    }
                }
            }
            return new Result(blocks, new OcrReport(read, pages - read.size(), reason, settings.languages()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /** Reads an image (PNG, JPEG, TIFF) as one page, under the same time limit as a scanned PDF. */
    Result readImage(Path image) {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("docent-ocr-");
            PageText text = recognize(image, dir.resolve("page-1"), deadline);
            if (text == null) {
                return new Result(
                        List.of(),
                        new OcrReport(List.of(), 1, "time limit " + settings.timeout(), settings.languages()));
            }
            List<Block> blocks = new ArrayList<>();
            for (String paragraph : text.text().split("\\n\\s*\\n")) {
                String cleaned = paragraph.replaceAll("\\s+", " ").strip();
                if (!cleaned.isEmpty()) {
                    blocks.add(new Block(1, List.of(), cleaned));
                }
            }
            OcrReport.Page page =
                    new OcrReport.Page(1, text.confidence(), text.text().length());
            return new Result(blocks, new OcrReport(List.of(page), 0, null, settings.languages()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private Path render(Path pdf, int page, Path dir, long deadline) throws IOException {
        Path prefix = dir.resolve("render");
        run(
                List.of(
                        "pdftoppm",
                        "-r",
                        String.valueOf(settings.dpi()),
                        "-gray",
                        "-tiff",
                        "-f",
                        String.valueOf(page),
                        "-l",
                        String.valueOf(page),
                        pdf.toString(),
                        prefix.toString()),
                deadline,
                "pdftoppm (poppler-utils)");
        if (System.nanoTime() > deadline) {
            return null;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("render")
                            && f.getFileName().toString().endsWith(".tif"))
                    .findFirst()
                    .orElseThrow(() -> Rejections.ocrFailed("pdftoppm rendered no image of page " + page));
        }
    }

    private record PageText(String text, double confidence) {}

    private PageText recognize(Path image, Path out, long deadline) throws IOException {
        boolean finished = run(
                List.of(
                        "tesseract",
                        image.toString(),
                        out.toString(),
                        "-l",
                        settings.languages(),
                        "--dpi",
                        String.valueOf(settings.dpi()),
                        "txt",
                        "tsv"),
                deadline,
                "tesseract (tesseract-ocr)");
        if (!finished) {
            return null;
        }
        String text = Files.readString(out.resolveSibling(out.getFileName() + ".txt"), StandardCharsets.UTF_8);
        return new PageText(text, confidence(out.resolveSibling(out.getFileName() + ".tsv")));
    }

    /** Mean confidence of the words Tesseract found (its TSV: level 5 rows are words, column 11 their confidence). */
    static double confidence(Path tsv) throws IOException {
        double sum = 0;
        int words = 0;
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            String[] columns = line.split("\t");
            if (columns.length >= 12 && columns[0].equals("5") && !columns[11].isBlank()) {
                try {
                    double conf = Double.parseDouble(columns[10]);
                    if (conf >= 0) {
                        sum += conf;
                        words++;
                    }
                } catch (NumberFormatException ignored) {
                    // the header row
                }
            }
        }
        return words == 0 ? 0 : Math.round(10 * sum / words) / 10.0;
    }

    /** Runs a command until it ends or the deadline passes (then kills it); false when killed. */
    private static boolean run(List<String> command, long deadline, String tool) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw Rejections.ocrFailed(tool + " is not installed (run scripts/install-packages.sh)");
        }
        try {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !process.waitFor(left, TimeUnit.NANOSECONDS)) {
                process.destroyForcibly();
                return false;
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted during OCR");
        }
        if (process.exitValue() != 0) {
            throw Rejections.ocrFailed(tool.split(" ")[0] + " failed with exit code " + process.exitValue());
        }
        return true;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temp folder left behind is cleaned by the OS
        }
    }
}
