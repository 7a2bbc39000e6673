package dev.docent.cluster;

import dev.docent.system.Jdbc;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Tells the other instances on the same database that something changed, with PostgreSQL's NOTIFY, and passes what
 * they tell to this instance's subscribers (LISTEN on a session of its own). Payloads are small (an id, a name): a
 * subscriber re-reads what it needs from the database. A notification sent inside a transaction goes out when it
 * commits, so a subscriber never reads an older state than the one announced. Notifications sent while this instance's
 * listening session was down are lost; the subscribers here are caches and live views that recover on their own (a
 * cache reloads within seconds, a live page reloads its list when it reconnects).
 */
@ApplicationScoped
public class FleetEvents {

    /** The channels Docent uses; every instance listens to all of them. */
    public enum Channel {
        /** A document's status changed: payload {@code <id> <status>}. */
        DOCUMENTS("docent_documents"),
        /** Stored settings changed (answer thresholds...): payload the name of what changed. */
        SETTINGS("docent_settings"),
        /** An admin asked to stop an evaluation run: payload its id. */
        EVALUATION_CANCEL("docent_evaluation_cancel"),
        /** A write a read replica may not have replayed yet: payload its read-your-writes topic. */
        REPLICA_WRITES("docent_replica_writes");

        final String sqlName;

        Channel(String sqlName) {
            this.sqlName = sqlName;
        }
    }

    private static final Logger LOG = Logger.getLogger(FleetEvents.class);

    /** Marks this instance's own notifications, which its subscribers already handled when they happened. */
    private final String instance = UUID.randomUUID().toString().substring(0, 8);

    private final Map<Channel, List<Consumer<String>>> subscribers = new ConcurrentHashMap<>();
    private final Jdbc jdbc;
    private final FleetConfig config;
    private volatile boolean running;
    private volatile Connection listening;
    private Thread listener;

    @Inject
    FleetEvents(Jdbc jdbc, FleetConfig config) {
        this.jdbc = jdbc;
        this.config = config;
    }

    /** Tells every other instance (at commit when inside a transaction). */
    public void publish(Channel channel, String payload) {
        jdbc.one("SELECT pg_notify(?, ?)", row -> 0, channel.sqlName, instance + " " + payload);
    }

    /** Calls {@code subscriber} with the payload of each notification another instance sends on {@code channel}. */
    public void subscribe(Channel channel, Consumer<String> subscriber) {
        subscribers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(subscriber);
    }

    void start(@Observes StartupEvent event) {
        if (!config.listen()) {
            return;
        }
        running = true;
        listener = Thread.ofPlatform().daemon().name("docent-fleet-listener").start(this::listen);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
        close(listening);
    }

    private void listen() {
        int wait = (int) Math.max(1, config.listenWait().toMillis());
        boolean warned = false;
        while (running) {
            try (Connection connection = DedicatedConnection.open("listener")) {
                listening = connection;
                try (Statement statement = connection.createStatement()) {
                    for (Channel channel : Channel.values()) {
                        statement.execute("LISTEN " + channel.sqlName);
                    }
                }
                if (warned) {
                    LOG.info("Listening to the other instances again");
                    warned = false;
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = pg.getNotifications(wait);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            dispatch(notification.getName(), notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!warned) {
                    LOG.warn("Lost the session that listens to the other instances; reconnecting", e);
                    warned = true;
                }
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void dispatch(String name, String parameter) {
        int space = parameter.indexOf(' ');
        if (space < 0 || parameter.substring(0, space).equals(instance)) {
            return;
        }
        String payload = parameter.substring(space + 1);
        for (Channel channel : Channel.values()) {
            if (channel.sqlName.equals(name)) {
                for (Consumer<String> subscriber : subscribers.getOrDefault(channel, List.of())) {
                    try {
                        subscriber.accept(payload);
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "A subscriber to %s failed on '%s'", name, payload);
                    }
                }
            }
        }
    }

    private static void close(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing the listening session failed", e);
            }
        }
    }
}
