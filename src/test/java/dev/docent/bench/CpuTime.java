package dev.docent.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * CPU time used so far by this JVM and by the machine's PostgreSQL processes, and the load average: on a shared
 * machine, wall-clock rates move with the load, CPU per chunk much less.
 *
 * @param jvmNanos CPU time of this JVM (the application and the benchmark share it)
 * @param postgresNanos CPU time of the PostgreSQL processes alive now (0 where the OS does not tell)
 * @param load1 the one-minute load average (-1 where unknown)
 */
record CpuTime(long jvmNanos, long postgresNanos, double load1) {

    static CpuTime now() {
        long jvm = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : 0;
        long postgres = ProcessHandle.allProcesses()
                .filter(p ->
                        p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .mapToLong(
                        p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                .sum();
        return new CpuTime(jvm, postgres, loadAverage());
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
