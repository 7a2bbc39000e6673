package dev.docent.cluster;

import dev.docent.system.ReadReplica;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Read-your-writes across instances: a write to a topic on one instance (a user's new conversation, an upload) sends
 * every instance's reads of that topic to the primary until the replica has replayed it, not only the writer's. Without
 * it a user behind a load balancer without session affinity could write through A and read the replica's older list
 * through B. The notification leaves with the writing transaction's commit, so another instance learns of the write a
 * few milliseconds after it committed; a request reaching that instance within those milliseconds may still read the
 * replica (docs/scaling.md). Nothing is sent without a replica ({@link ReadReplica} fires no event then).
 */
@ApplicationScoped
public class ReplicaMarks {

    @Inject
    FleetEvents fleet;

    @Inject
    ReadReplica replica;

    void listen(@Observes StartupEvent event) {
        fleet.subscribe(FleetEvents.Channel.REPLICA_WRITES, replica::writtenElsewhere);
    }

    /** Inside the writing transaction: PostgreSQL delivers the notification when it commits, and not if it rolls back. */
    void announce(@Observes ReadReplica.Written written) {
        fleet.publish(FleetEvents.Channel.REPLICA_WRITES, written.topic());
    }
}
