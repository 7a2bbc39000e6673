package dev.docent.monitoring;

import dev.docent.ingestion.DocumentRepository;
import dev.docent.ingestion.IngestionQueue;
import dev.docent.system.InvalidInputException;
import dev.docent.system.ReadReplica;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the Operations page charts, over a window an admin chooses. */
@ApplicationScoped
public class OperationsService {

    static final Duration MAX_WINDOW = Duration.ofDays(90);
    static final Duration MAX_HOURLY = Duration.ofDays(14);
    static final String WINDOW_HELP = "'window' is a number of hours or days, e.g. 24h or 7d, at most 90d";
    private static final Pattern WINDOW = Pattern.compile("(\\d{1,4})([hd])");

    private final ObservationRepository answers;
    private final IngestionObservationRepository ingestions;
    private final DocumentRepository documents;
    private final IngestionQueue queue;
    private final DatabaseSize database;
    private final ResourceSamples samples;
    private final Clock clock = Clock.systemUTC();

    @Inject
    ReadReplica replica;

    OperationsService(
            ObservationRepository answers,
            IngestionObservationRepository ingestions,
            DocumentRepository documents,
            IngestionQueue queue,
            DatabaseSize database,
            ResourceSamples samples) {
        this.answers = Objects.requireNonNull(answers, "answers");
        this.ingestions = Objects.requireNonNull(ingestions, "ingestions");
        this.documents = Objects.requireNonNull(documents, "documents");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.database = Objects.requireNonNull(database, "database");
        this.samples = Objects.requireNonNull(samples, "samples");
    }

    /**
     * The window ending now: {@code window} like "24h" or "7d" (default 24h), {@code bucket} "hour" or "day" (default
     * hour up to two days, day beyond). Refuses what it cannot chart with a message saying what it takes.
     */
    public Operations.Window window(String window, String bucket) {
        Duration span = window == null || window.isBlank() ? Duration.ofHours(24) : span(window.strip());
        String unit = bucket == null || bucket.isBlank()
                ? (span.compareTo(Duration.ofDays(2)) <= 0 ? "hour" : "day")
                : bucket.strip();
        if (!unit.equals("hour") && !unit.equals("day")) {
            throw new InvalidInputException(400, "'bucket' is hour or day.");
        }
        if (unit.equals("hour") && span.compareTo(MAX_HOURLY) > 0) {
            throw new InvalidInputException(400, "'bucket=hour' goes back at most 14 days: choose bucket=day.");
        }
        Instant now = clock.instant();
        Instant from = now.minus(span).truncatedTo(unit.equals("hour") ? ChronoUnit.HOURS : ChronoUnit.DAYS);
        return new Operations.Window(from, now, unit);
    }

    private static Duration span(String text) {
        Matcher m = WINDOW.matcher(text);
        if (!m.matches()) {
            throw new InvalidInputException(400, WINDOW_HELP + ", not '" + abbreviate(text) + "'.");
        }
        long n = Long.parseLong(m.group(1));
        Duration span = m.group(2).equals("h") ? Duration.ofHours(n) : Duration.ofDays(n);
        if (n < 1 || span.compareTo(MAX_WINDOW) > 0) {
            throw new InvalidInputException(400, WINDOW_HELP + ", not '" + abbreviate(text) + "'.");
        }
        return span;
    }

    // Trends over recorded answers and ingestions read the replica when there is one: seconds of lag change no chart.
    public Operations.AnswerTrends answers(Operations.Window w) {
        return replica.lagging(() -> new Operations.AnswerTrends(w, answers.buckets(w.from(), w.to(), w.bucket())));
    }

    public Operations.UsageTrends usage(Operations.Window w) {
        return replica.lagging(() -> new Operations.UsageTrends(
                w,
                answers.usageByModel(w.from(), w.to()),
                answers.noModelByDay(w.from(), w.to()),
                answers.conciseSavings(w.from(), w.to())));
    }

    public Operations.IngestionTrends ingestion(Operations.Window w) {
        IngestionQueue.Counts now = queue.counts();
        return new Operations.IngestionTrends(
                w,
                replica.lagging(() -> ingestions.buckets(w.from(), w.to(), w.bucket())),
                now.waiting(),
                now.running(),
                samples.queue(w.from()));
    }

    public Operations.Storage storage() {
        return new Operations.Storage(
                database.bytes(),
                documents.countsByCollection().stream()
                        .map(c -> new Operations.CollectionSize(c.collection(), c.documents(), c.chunks()))
                        .toList());
    }

    public Operations.Resources resources(Operations.Window w) {
        return samples.resources(w.from());
    }

    private static String abbreviate(String s) {
        return s.length() <= 20 ? s : s.substring(0, 19) + "…";
    }
}
