package dev.docent.evaluation;

import dev.docent.answering.Asker;
import dev.docent.cluster.FleetEvents;
import dev.docent.ingestion.DocumentService;
import dev.docent.prompts.PromptVersions;
import dev.docent.retrieval.RetrievalConfig;
import dev.docent.security.CurrentUser;
import dev.docent.system.InvalidInputException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Evaluation runs: started, followed, cancelled and compared. */
@ApplicationScoped
public class EvalRuns {

    /** Runs the list shows. */
    static final int LISTED = 100;

    @Inject
    EvalSets sets;

    @Inject
    EvalRunRepository runs;

    @Inject
    EvalRunner runner;

    @Inject
    FleetEvents fleet;

    @Inject
    DocumentService documents;

    @Inject
    RetrievalConfig retrieval;

    @Inject
    EvaluationConfig config;

    @Inject
    PromptVersions prompts;

    @Inject
    ModelJudge judge;

    /** Starts a run of a set in the background; answers with its id at once. */
    public UUID start(RunRequest request, CurrentUser user) {
        RunConfig runConfig = request.config() == null ? RunConfig.live() : request.config();
        if (runConfig.k() != null && runConfig.k() > retrieval.maxK()) {
            throw new InvalidInputException(400, "'config.k' may be at most " + retrieval.maxK() + " here.");
        }
        if (runConfig.promptVersion() != null
                && prompts.find(runConfig.promptVersion()).isEmpty()) {
            throw new InvalidInputException(
                    400,
                    "There is no prompt version '" + runConfig.promptVersion() + "': GET /api/prompts lists them.");
        }
        if (Boolean.TRUE.equals(runConfig.judge()) && !judge.available()) {
            throw new InvalidInputException(400, ModelJudge.NO_MODEL);
        }
        EvalSetDetail set = sets.get(request.setId());
        if (set.items().isEmpty()) {
            throw new InvalidInputException(400, "The set has no items yet: add some before running it.");
        }
        List<EvalRunner.Job> jobs = jobs(set.items());
        UUID id = UUID.randomUUID();
        EvalRunner.Active slot = runner.claim(id);
        try {
            runs.create(id, set.id(), set.name(), runConfig, jobs.size(), user.getUsername(), config.runLease());
        } catch (RuntimeException e) {
            runner.release(slot);
            throw e;
        }
        runner.start(slot, runConfig, Asker.of(user), jobs);
        return id;
    }

    /** The items with their expected documents resolved: ids as given, file names to every document of that name. */
    private List<EvalRunner.Job> jobs(List<EvalItem> items) {
        Set<String> names = new HashSet<>();
        for (EvalItem item : items) {
            for (String d : item.expectedDocuments()) {
                if (uuid(d) == null) {
                    names.add(d);
                }
            }
        }
        Map<String, List<UUID>> byName = names.isEmpty() ? Map.of() : documents.idsByFileName(names);
        List<EvalRunner.Job> jobs = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Set<UUID> ids = new LinkedHashSet<>();
            for (String d : items.get(i).expectedDocuments()) {
                UUID id = uuid(d);
                if (id != null) {
                    ids.add(id);
                } else {
                    ids.addAll(byName.getOrDefault(d, List.of()));
                }
            }
            jobs.add(new EvalRunner.Job(i, items.get(i), Set.copyOf(ids)));
        }
        return jobs;
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public RunStatus get(UUID id) {
        RunStatus run = runs.find(id).orElseThrow(() -> notFound(id));
        return run.withItems(runs.items(id));
    }

    void start(@Observes StartupEvent event) {
        fleet.subscribe(FleetEvents.Channel.EVALUATION_CANCEL, id -> runner.cancel(UUID.fromString(id)));
    }

    /** The latest runs, newest first, without their items. */
    public List<RunStatus> list() {
        return runs.list(LISTED);
    }

    /** Stops a run in progress; the items answered so far keep their results and metrics. */
    public RunStatus cancel(UUID id) {
        RunStatus run = runs.find(id).orElseThrow(() -> notFound(id));
        if (!run.status().equals("queued") && !run.status().equals("running")) {
            throw new InvalidInputException(409, "The run is " + run.status() + " already: there is nothing to stop.");
        }
        if (!runner.cancel(id)) {
            // Behind a load balancer the run may be answering on another instance: that one stops it.
            fleet.publish(FleetEvents.Channel.EVALUATION_CANCEL, id.toString());
        }
        return run;
    }

    public void delete(UUID id) {
        if (runner.busyWith(id)) {
            throw new InvalidInputException(409, "The run is in progress: cancel it first.");
        }
        if (!runs.delete(id)) {
            throw notFound(id);
        }
    }

    /** Run {@code b} against run {@code a}: metric deltas, items that changed, and whether the change is significant. */
    public RunComparison compare(UUID a, UUID b) {
        RunStatus first = get(a);
        RunStatus second = get(b);
        for (RunStatus run : List.of(first, second)) {
            if (!run.status().equals("done")) {
                throw new InvalidInputException(
                        409, "Run " + run.id() + " is " + run.status() + "; only finished runs can be compared.");
            }
        }
        return RunComparison.of(first, second, config.bootstrapSamples(), config.significance());
    }

    static InvalidInputException notFound(UUID id) {
        return new InvalidInputException(404, "There is no evaluation run " + id + ".");
    }
}
