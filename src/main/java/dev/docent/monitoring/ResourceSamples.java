package dev.docent.monitoring;

import dev.docent.ingestion.IngestionQueue;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * JVM memory, CPU and the ingestion queue, sampled once a {@link #EVERY} and kept in memory for {@link #KEPT}: enough
 * for the Operations page's charts without a time-series database. The samples start again when Docent restarts;
 * Prometheus keeps the long history.
 */
@ApplicationScoped
public class ResourceSamples {

    static final Duration EVERY = Duration.ofMinutes(1);
    static final Duration KEPT = Duration.ofDays(1);
    private static final int MAX = (int) (KEPT.toMillis() / EVERY.toMillis());
    private static final Logger LOG = Logger.getLogger(ResourceSamples.class);

    private record Sample(Operations.ResourceSample resources, Operations.QueueSample queue) {}

    private final IngestionQueue ingestionQueue;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Deque<Sample> samples = new ArrayDeque<>();
    private ScheduledExecutorService sampler;

    ResourceSamples(IngestionQueue ingestionQueue) {
        this.ingestionQueue = Objects.requireNonNull(ingestionQueue, "ingestionQueue");
    }

    void start(@Observes StartupEvent event) {
        sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "docent-resource-samples");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleWithFixedDelay(this::sample, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (sampler != null) {
            sampler.shutdownNow();
        }
    }

    private void sample() {
        try {
            Sample s = now();
            synchronized (samples) {
                samples.addLast(s);
                while (samples.size() > MAX) {
                    samples.removeFirst();
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("Could not sample the JVM and the queue; trying again in a minute", e);
        }
    }

    private Sample now() {
        Instant at = Instant.now();
        IngestionQueue.Counts counts = ingestionQueue.counts();
        return new Sample(jvm(at), new Operations.QueueSample(at, counts.waiting(), counts.running()));
    }

    private Operations.ResourceSample jvm(Instant at) {
        Double process = null;
        Double system = null;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            process = share(os.getProcessCpuLoad());
            system = share(os.getCpuLoad());
        }
        return new Operations.ResourceSample(
                at,
                memory.getHeapMemoryUsage().getUsed(),
                memory.getHeapMemoryUsage().getMax(),
                memory.getNonHeapMemoryUsage().getUsed(),
                process,
                system);
    }

    /** A negative load means the JVM could not measure it yet. */
    private static Double share(double load) {
        return load < 0 || Double.isNaN(load) ? null : load;
    }

    /** The JVM samples since {@code from}, ending with one taken now. */
    public Operations.Resources resources(Instant from) {
        List<Operations.ResourceSample> out = new ArrayList<>();
        for (Sample s : snapshot()) {
            if (!s.resources().at().isBefore(from)) {
                out.add(s.resources());
            }
        }
        out.add(jvm(Instant.now()));
        return new Operations.Resources(Runtime.getRuntime().availableProcessors(), out);
    }

    /** The queue samples since {@code from}. */
    public List<Operations.QueueSample> queue(Instant from) {
        return snapshot().stream()
                .map(Sample::queue)
                .filter(q -> !q.at().isBefore(from))
                .toList();
    }

    private List<Sample> snapshot() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }
}
