package dev.docent.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The figures of {@link PeerComparisonBench} and its report section {@code peer}: per round, each arm's ingestion
 * rate and search latencies and the document-level quality of its results; over the rounds, medians with min and max
 * and the medians of the per-round ratios (never a ratio of two medians of different rounds).
 */
final class PeerReport {

    /** Docent ÷ peer for ingestion and peer ÷ Docent for latency must reach these (issue 16). */
    static final double INGESTION_TARGET = 1.3;

    static final double RAW_TARGET = 0.9;
    static final double SEARCH_TARGET = 2.0;
    static final List<String> METRICS = List.of("recallAt10", "ndcgAt10", "mrrAt10");

    private PeerReport() {}

    /** One round: documents per second and chunks per ingestion arm, latencies and quality per search arm. */
    static final class Round {
        final String loadAtStart;
        String loadAtEnd;
        final Map<String, double[]> ingestion = new LinkedHashMap<>(); // arm -> {documents/s, chunks}
        double docentOverRaw;
        double rawDocumentsPerSecond;
        final Map<String, Stats> latency = new LinkedHashMap<>();
        final Map<String, Stats> embedLatency = new LinkedHashMap<>();
        final Map<String, Map<String, Map<String, Double>>> quality = new LinkedHashMap<>(); // arm -> set -> metric

        private final PeerCorpus corpus;

        Round(PeerCorpus corpus, String loadAtStart) {
            this.corpus = corpus;
            this.loadAtStart = loadAtStart;
        }

        void docentIngestion(IngestionResult r) {
            ingestion.put(PeerComparisonBench.DOCENT, new double[] {
                r.pipeline().documentsPerSecond(), r.pipeline().chunks()
            });
            docentOverRaw = r.ratio();
            rawDocumentsPerSecond = r.raw().documentsPerSecond();
        }

        void peerIngestion(String arm, PeerProcess.Ingestion r) {
            ingestion.put(arm, new double[] {r.documentsPerSecond(), r.chunks()});
        }

        void search(String arm, List<PeerProcess.Hit> hits) {
            latency.put(arm, Stats.of(hits.stream().map(PeerProcess.Hit::ms).toList()));
            if (hits.stream().noneMatch(h -> Double.isNaN(h.embedMs()))) {
                embedLatency.put(
                        arm,
                        Stats.of(hits.stream().map(PeerProcess.Hit::embedMs).toList()));
            }
            Map<String, PeerCorpus.Query> byId = new LinkedHashMap<>();
            corpus.queries().forEach(q -> byId.put(q.id(), q));
            Map<String, Map<String, List<Double>>> scores = new LinkedHashMap<>();
            for (PeerProcess.Hit hit : hits) {
                PeerCorpus.Query q = byId.get(hit.id());
                List<String> ranked = PeerComparisonBench.distinct(hit.documents());
                Map<String, List<Double>> set = scores.computeIfAbsent(q.set(), s -> new LinkedHashMap<>());
                set.computeIfAbsent("recallAt10", m -> new ArrayList<>())
                        .add(RetrievalEvaluation.recall(ranked, q.relevant(), 10));
                set.computeIfAbsent("ndcgAt10", m -> new ArrayList<>())
                        .add(RetrievalEvaluation.ndcg(ranked, q.relevant()));
                set.computeIfAbsent("mrrAt10", m -> new ArrayList<>())
                        .add(RetrievalEvaluation.reciprocalRank(ranked, q.relevant()));
            }
            Map<String, Map<String, Double>> means = new LinkedHashMap<>();
            scores.forEach((set, metrics) -> {
                Map<String, Double> m = new LinkedHashMap<>();
                metrics.forEach((name, values) -> m.put(
                        name,
                        values.stream()
                                .mapToDouble(Double::doubleValue)
                                .average()
                                .orElse(Double.NaN)));
                means.put(set, m);
            });
            quality.put(arm, means);
        }

        void loadAtEnd(String load) {
            this.loadAtEnd = load;
        }
    }

    /** Everything one run measured. */
    static final class Result {
        final PeerCorpus corpus;
        final int k;
        final int lists;
        final int plannedRounds;
        private final List<Round> rounds = new ArrayList<>();
        private Map<String, Object> machine = Map.of();

        Result(PeerCorpus corpus, int plannedRounds, int k, int lists) {
            this.corpus = corpus;
            this.plannedRounds = plannedRounds;
            this.k = k;
            this.lists = lists;
        }

        Round newRound(String load) {
            Round round = new Round(corpus, load);
            rounds.add(round);
            return round;
        }

        List<Round> rounds() {
            return rounds;
        }

        void machine(Map<String, Object> machine) {
            this.machine = machine;
        }

        List<String> ingestionArms() {
            return List.copyOf(rounds.getFirst().ingestion.keySet());
        }

        List<String> searchArms() {
            return List.copyOf(rounds.getFirst().latency.keySet());
        }

        Summary over(ToDoubleFunction<Round> value) {
            return Summary.of(rounds.stream().mapToDouble(value).toArray());
        }

        Map<String, Object> toMap() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("corpus", corpus.describe());
            data.put("documents", corpus.documents());
            data.put("queries", corpus.queries().size());
            data.put("rounds", rounds.size());
            data.put("k", k);
            data.put("peerIvfflatLists", lists);
            Map<String, Object> ingestion = new LinkedHashMap<>();
            for (String arm : ingestionArms()) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("documentsPerSecond", over(r -> r.ingestion.get(arm)[0]).toMap());
                a.put("chunks", over(r -> r.ingestion.get(arm)[1]).toMap());
                if (!arm.equals(PeerComparisonBench.DOCENT)) {
                    a.put("docentOverThis", over(r -> docentOver(r, arm)).toMap());
                }
                ingestion.put(arm, a);
            }
            ingestion.put("docentOverRawEmbedding", over(r -> r.docentOverRaw).toMap());
            data.put("ingestion", ingestion);
            Map<String, Object> search = new LinkedHashMap<>();
            for (String arm : searchArms()) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("p50Ms", over(r -> r.latency.get(arm).median()).toMap());
                a.put("p95Ms", over(r -> r.latency.get(arm).p95()).toMap());
                a.put(
                        "p50OverDocentHttp",
                        over(r -> r.latency.get(arm).median() / docentHttp(r).median())
                                .toMap());
                a.put(
                        "p95OverDocentHttp",
                        over(r -> r.latency.get(arm).p95() / docentHttp(r).p95())
                                .toMap());
                if (rounds.getFirst().embedLatency.containsKey(arm)) {
                    a.put(
                            "embedP50Ms",
                            over(r -> r.embedLatency.get(arm).median()).toMap());
                }
                Map<String, Object> q = new LinkedHashMap<>();
                rounds.getFirst().quality.get(arm).forEach((set, metrics) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    metrics.keySet()
                            .forEach(metric -> m.put(
                                    metric,
                                    over(r -> r.quality.get(arm).get(set).get(metric))
                                            .toMap()));
                    q.put(set, m);
                });
                a.put("quality", q);
                search.put(arm, a);
            }
            data.put("search", search);
            List<Map<String, Object>> perRound = new ArrayList<>();
            for (Round r : rounds) {
                Map<String, Object> round = new LinkedHashMap<>();
                round.put("loadAtStart", r.loadAtStart);
                round.put("loadAtEnd", r.loadAtEnd);
                Map<String, Object> documentsPerSecond = new LinkedHashMap<>();
                r.ingestion.forEach((arm, v) -> documentsPerSecond.put(arm, Stats.round(v[0])));
                documentsPerSecond.put("raw embedding", Stats.round(r.rawDocumentsPerSecond));
                round.put("documentsPerSecond", documentsPerSecond);
                Map<String, Object> latency = new LinkedHashMap<>();
                r.latency.forEach((arm, s) ->
                        latency.put(arm, Map.of("p50", Stats.round(s.median()), "p95", Stats.round(s.p95()))));
                round.put("searchMs", latency);
                perRound.add(round);
            }
            data.put("perRound", perRound);
            data.put("machine", machine);
            return data;
        }

        static double docentOver(Round r, String arm) {
            return r.ingestion.get(PeerComparisonBench.DOCENT)[0] / r.ingestion.get(arm)[0];
        }

        static Stats docentHttp(Round r) {
            return r.latency.get(PeerComparisonBench.DOCENT_HTTP);
        }
    }

    /** Median, min and max over the rounds. */
    record Summary(double median, double min, double max) {
        static Summary of(double[] values) {
            Stats s = Stats.of(values);
            return new Summary(s.median(), s.min(), s.max());
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("median", Stats.round(median));
            m.put("min", Stats.round(min));
            m.put("max", Stats.round(max));
            return m;
        }

        String text() {
            return min == max
                    ? Stats.fmt(median)
                    : "%s (%s-%s)".formatted(Stats.fmt(median), Stats.fmt(min), Stats.fmt(max));
        }
    }

    static String markdown(Result r) {
        StringBuilder md = new StringBuilder("## Docent against plain LangChain4j (peer)\n\n");
        md.append("Both sides get the same ")
                .append(r.corpus.documents())
                .append(" documents (")
                .append(r.corpus.describe())
                .append("), one `.txt` file each (title, blank line, text), the same database and the same embedding")
                .append(" model (bge-small-en-v1.5, quantized, in process). The peer (`bench/peer`, LangChain4j")
                .append(" 1.11.0, its own JVM) is `EmbeddingStoreIngestor` + `DocumentSplitters.recursive(300, 30)` +")
                .append(" `PgVectorEmbeddingStore` from its builder (host and port, so a new connection per call):")
                .append(" exact search without index, and the builder's IVFFlat index (")
                .append(r.lists)
                .append(" lists, created on the empty table, probes 1); \"one connection\" is the exact table searched")
                .append(" through one reused connection. Docent: uploads through its queue and ingestion workers,")
                .append(" hybrid search. ")
                .append(r.rounds().size())
                .append(" rounds; each empties both sides and ingests again, then runs all ")
                .append(r.corpus.queries().size())
                .append(" queries through each search arm (k ")
                .append(r.k)
                .append(", after 5 warm-up queries); the order of the arms rotates by round. Figures: median over the")
                .append(" rounds (min-max); ratios are per round, then their median.\n\n");
        md.append("| ingestion | documents/s | chunks | Docent ÷ this |\n|---|---:|---:|---:|\n");
        for (String arm : r.ingestionArms()) {
            md.append("| %s | %s | %s | %s |\n"
                    .formatted(
                            arm,
                            r.over(x -> x.ingestion.get(arm)[0]).text(),
                            Stats.fmt(r.over(x -> x.ingestion.get(arm)[1]).median()),
                            arm.equals(PeerComparisonBench.DOCENT)
                                    ? ""
                                    : "**"
                                            + r.over(x -> Result.docentOver(x, arm))
                                                    .text() + "**"));
        }
        md.append("| raw embedding of Docent's chunks (batch 32) | %s | | **%s** |\n\n"
                .formatted(
                        r.over(x -> x.rawDocumentsPerSecond).text(),
                        r.over(x -> x.docentOverRaw).text()));
        md.append("| search (k %d) | p50 ms | p95 ms | p50 ÷ Docent /api/search | p95 ÷ Docent /api/search |"
                        .formatted(r.k))
                .append(" query embedding p50 ms |\n|---|---:|---:|---:|---:|---:|\n");
        for (String arm : r.searchArms()) {
            boolean embed = r.rounds().getFirst().embedLatency.containsKey(arm);
            md.append("| %s | %s | %s | %s | %s | %s |\n"
                    .formatted(
                            arm,
                            r.over(x -> x.latency.get(arm).median()).text(),
                            r.over(x -> x.latency.get(arm).p95()).text(),
                            r.over(x -> x.latency.get(arm).median()
                                            / Result.docentHttp(x).median())
                                    .text(),
                            r.over(x -> x.latency.get(arm).p95()
                                            / Result.docentHttp(x).p95())
                                    .text(),
                            embed
                                    ? r.over(x -> x.embedLatency.get(arm).median())
                                            .text()
                                    : ""));
        }
        md.append("\n| quality (document level, first ")
                .append(r.k)
                .append(" results) | set | recall@10 | nDCG@10 | MRR@10 |\n|---|---|---:|---:|---:|\n");
        for (String arm : r.searchArms()) {
            for (String set : r.rounds().getFirst().quality.get(arm).keySet()) {
                md.append("| %s | %s |".formatted(arm, set));
                for (String metric : METRICS) {
                    md.append(" ")
                            .append(r.over(x -> x.quality.get(arm).get(set).get(metric))
                                    .text())
                            .append(" |");
                }
                md.append('\n');
            }
        }
        md.append("\nLoad average (1, 5, 15 min) per round, start → end: ");
        List<String> loads = new ArrayList<>();
        r.rounds().forEach(x -> loads.add(x.loadAtStart + " → " + x.loadAtEnd));
        md.append(String.join("; ", loads))
                .append(". ")
                .append(Machine.markdown(r.machine))
                .append('\n');
        return md.toString();
    }
}
