package dev.herald.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a process's CPU time and resident memory, and the machine's CPU use, from Linux's {@code /proc}. */
final class ProcStats {

    private static final long NANOS_PER_TICK = 1_000_000_000L / 100; // USER_HZ is 100 on Linux

    private ProcStats() {
    }

    /**
     * @param pid a process id
     * @return the CPU time (user + system) it has used, in nanoseconds; 0 when it is gone
     */
    static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * @param pid a process id
     * @return its resident set size in bytes; 0 when it is gone
     */
    static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** @return the machine's 1-minute load average, or "?" */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** The machine's CPU counters at one moment, in ticks. */
    record Machine(long busy, long total) {

        /** @return the counters now */
        static Machine now() {
            try {
                List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
                String[] fields = lines.get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < fields.length; i++) {
                    total += Long.parseLong(fields[i]);
                }
                long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
                return new Machine(total - idle, total);
            } catch (IOException | RuntimeException e) {
                return new Machine(0, 0);
            }
        }

        /**
         * @param earlier counters taken before
         * @return the fraction of all cores that was busy in between, 0 to 1
         */
        double busySince(Machine earlier) {
            long total = this.total - earlier.total;
            return total <= 0 ? 0 : (double) (busy - earlier.busy) / total;
        }
    }
}
