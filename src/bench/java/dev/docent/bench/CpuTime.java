package dev.docent.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * CPU time used so far by this JVM and by the machine's PostgreSQL processes, and the load average: on a shared
 * machine, wall-clock rates move with the load, CPU per chunk much less.
 *
 * @param jvmNanos CPU time of this JVM (the application and the benchmark share it)
 * @param postgresNanos CPU time of the database server's processes alive now (0 where the OS does not tell, or the
 *     server runs elsewhere); backends and autovacuum workers that exited meanwhile are missing
 * @param load1 the one-minute load average (-1 where unknown)
 */
record CpuTime(long jvmNanos, long postgresNanos, double load1) {

    /** Samples now; {@code postgresPort} picks the PostgreSQL server (its postmaster and backends) to account. */
    static CpuTime now(int postgresPort) {
        long jvm = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : 0;
        return new CpuTime(jvm, postgresCpu(postgresPort), loadAverage());
    }

    /** The server listening on that port (found by its "-p PORT" argument) and every process it forked. */
    private static long postgresCpu(int port) {
        return ProcessHandle.allProcesses()
                .filter(p ->
                        p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .filter(p -> p.info()
                        .arguments()
                        .map(args -> String.join(" ", args).contains("-p " + port))
                        .orElse(false))
                .flatMap(postmaster -> Stream.concat(Stream.of(postmaster), postmaster.descendants()))
                .mapToLong(
                        p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                .sum();
    }

    /** CPU used between {@code earlier} and this sample, per chunk processed meanwhile. */
    IngestionResult.CpuUse use(String phase, CpuTime earlier, int chunks) {
        double jvm = (jvmNanos - earlier.jvmNanos) / 1e9;
        double postgres = Math.max(0, postgresNanos - earlier.postgresNanos) / 1e9;
        return new IngestionResult.CpuUse(
                phase, jvm, postgres, chunks == 0 ? 0 : (jvm + postgres) * 1000 / chunks, earlier.load1, load1);
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
