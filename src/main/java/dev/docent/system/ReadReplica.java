package dev.docent.system;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.InjectableInstance;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The optional read replica ({@code DOCENT_DB_READ_URL}, the "read" datasource): search, reports and listings read
 * there, everything else (and every write) uses the primary. Without a replica every scope runs on the primary exactly
 * as before. Read-your-writes: a write to a topic (a user's conversations, the documents, the gaps, the evaluation
 * sets) sends that topic's {@link #fresh} reads to the primary until the replica has replayed past it, measured by
 * WAL positions, not by guessing a lag.
 */
@ApplicationScoped
public class ReadReplica {

    /** Marks kept at most; past it, the oldest (long replayed on any healthy replica) are dropped. */
    static final int MAX_MARKS = 10_000;

    /** A mark older than this is dropped when the map is full: a replica this far behind is an incident of its own. */
    static final long MARK_AGE_NANOS = 600_000_000_000L;

    /** The transaction's resource key for the topics it wrote (marked once it commits). */
    private static final String PENDING = ReadReplica.class.getName() + ".pending";

    /** A write whose transaction committed; identity matters (a newer write replaces it). */
    private record Mark(long at) {}

    /**
     * A write to a read-your-writes topic, fired (once per topic and transaction, inside it) so that the other
     * instances on the same database can keep their reads of the topic on the primary too ({@code cluster.ReplicaMarks}
     * tells them when the transaction commits). Fired only when a replica is configured.
     */
    public record Written(String topic) {}

    @Inject
    @DataSource("read")
    InjectableInstance<AgroalDataSource> pool;

    @Inject
    Jdbc jdbc;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    MeterRegistry registry;

    @Inject
    Event<Written> written;

    private AgroalDataSource replica;
    private final Map<String, Mark> unreplicated = new ConcurrentHashMap<>();
    private Counter laggingReads;
    private Counter freshReads;
    private Counter freshOnPrimary;

    @PostConstruct
    void init() {
        // The datasource is inactive (no bean to use, no pool) when DOCENT_DB_READ_URL is unset.
        replica = pool.listActive().stream().findFirst().orElse(null);
        if (replica != null) {
            laggingReads = reads("lagging", "replica");
            freshReads = reads("fresh", "replica");
            freshOnPrimary = reads("fresh", "primary");
        }
    }

    private Counter reads(String kind, String target) {
        return Counter.builder("docent.replica.reads")
                .description("Read scopes by kind (lagging: search and reports; fresh: read-your-writes listings) and"
                        + " where they went")
                .tag("kind", kind)
                .tag("target", target)
                .register(registry);
    }

    /** Whether a read replica is configured. */
    public boolean configured() {
        return replica != null;
    }

    /**
     * Reads that may trail the primary by the replication lag (search, reports): on the replica when there is one. A
     * scope already running on this thread (e.g. {@link #primary}) keeps its choice.
     */
    public <T> T lagging(Supplier<T> reads) {
        if (replica == null || ReadRoute.inScope()) {
            return reads.get();
        }
        laggingReads.increment();
        return ReadRoute.within(replica, reads);
    }

    /**
     * Reads that must show this instance's writes to {@code topic} (a user's own new conversation, a document's status
     * after an upload): on the replica once it has replayed them, on the primary until then.
     */
    public <T> T fresh(String topic, Supplier<T> reads) {
        if (replica == null || ReadRoute.inScope()) {
            return reads.get();
        }
        if (writtenInThisTransaction(topic)) {
            freshOnPrimary.increment();
            return ReadRoute.within(null, reads);
        }
        Mark mark = unreplicated.get(topic);
        if (mark != null) {
            if (!caughtUp()) {
                freshOnPrimary.increment();
                return ReadRoute.within(null, reads);
            }
            unreplicated.remove(topic, mark);
        }
        freshReads.increment();
        return ReadRoute.within(replica, reads);
    }

    /** Work whose reads must see the primary's latest state, whatever the services it calls would choose. */
    public <T> T primary(Supplier<T> work) {
        return replica == null ? work.get() : ReadRoute.within(null, work);
    }

    /**
     * Records a write to {@code topic}: once its transaction commits (at once without one), {@link #fresh} reads of the
     * topic go to the primary until the replica has replayed it. Nothing is kept without a replica.
     */
    public void wrote(String topic) {
        if (replica == null) {
            return;
        }
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            mark(topic);
            written.fire(new Written(topic));
            return;
        }
        // Marked before the commit, a read in between could find the replica "caught up" without the write; until the
        // commit, reads of the topic in this transaction (which alone sees the write) stay on the primary.
        @SuppressWarnings("unchecked")
        Set<String> pending = (Set<String>) transactions.getResource(PENDING);
        if (pending == null) {
            Set<String> topics = new HashSet<>();
            transactions.putResource(PENDING, topics);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {}

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        topics.forEach(ReadReplica.this::mark);
                    }
                }
            });
            pending = topics;
        }
        if (pending.add(topic)) {
            written.fire(new Written(topic));
        }
    }

    /**
     * Another instance committed a write to {@code topic}: this instance's {@link #fresh} reads of it go to the primary
     * until the replica has replayed it, as after a write of its own (a user behind a load balancer without session
     * affinity sees their write whichever instance serves the next request).
     */
    public void writtenElsewhere(String topic) {
        if (replica != null) {
            mark(topic);
        }
    }

    /**
     * {@link #wrote(String)} after a statement, passing its result through; an update that changed no row (a result of
     * 0) records nothing.
     */
    public <T> T wrote(String topic, T result) {
        if (!(result instanceof Integer rows && rows == 0)) {
            wrote(topic);
        }
        return result;
    }

    private boolean writtenInThisTransaction(String topic) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            return false;
        }
        Object pending = transactions.getResource(PENDING);
        return pending instanceof Set<?> topics && topics.contains(topic);
    }

    private void mark(String topic) {
        long now = System.nanoTime();
        if (unreplicated.size() >= MAX_MARKS) {
            unreplicated.values().removeIf(m -> now - m.at() > MARK_AGE_NANOS);
        }
        unreplicated.put(topic, new Mark(now));
    }

    /**
     * Whether the replica has replayed everything the primary had inserted into its WAL just now (so every write that
     * committed before this call). The insert position, not the write position: with asynchronous commit a committed
     * transaction's record may still sit in the WAL buffers. A "replica" that is not in recovery (the primary itself,
     * or a promoted standby) holds everything.
     */
    private boolean caughtUp() {
        String position = jdbc.one("SELECT pg_current_wal_insert_lsn()::text", row -> row.getString(1))
                .orElseThrow();
        try (Connection c = replica.getConnection();
                PreparedStatement statement = c.prepareStatement(
                        "SELECT coalesce(pg_last_wal_replay_lsn() >= ?::pg_lsn, NOT pg_is_in_recovery())")) {
            statement.setString(1, position);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        } catch (SQLException e) {
            return false; // an unreachable replica cannot show the write: the primary can
        }
    }
}
