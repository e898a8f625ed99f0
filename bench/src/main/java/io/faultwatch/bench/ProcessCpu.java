package io.faultwatch.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time spent by this machine's processes, read from Linux's /proc: what each service costs per event
 * in a benchmark, a figure that holds up on a busy shared machine better than a rate does. A process
 * counts with its direct children, as PostgreSQL's backends are children of its postmaster; a child that
 * exited between two readings loses its time.
 */
final class ProcessCpu {

    /** USER_HZ: the unit of /proc's times, 100 on every Linux architecture the project runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private ProcessCpu() {}

    /** "name=pid,name=pid" → the named pids; "self" as a pid is this JVM. */
    static Map<String, Long> parse(String spec) {
        Map<String, Long> pids = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return pids;
        }
        for (String pair : spec.split(",")) {
            String[] parts = pair.split("=", 2);
            if (parts.length != 2 || parts[0].isBlank()) {
                throw new IllegalArgumentException("expected name=pid, got '" + pair + "' in '" + spec + "'");
            }
            String pid = parts[1].trim();
            try {
                pids.put(parts[0].trim(), pid.equals("self") ? ProcessHandle.current().pid() : Long.parseLong(pid));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a pid: '" + pid + "' for " + parts[0], e);
            }
        }
        return pids;
    }

    /** CPU seconds so far of each named process with its children, and of the whole machine ("machine"). */
    static Map<String, Double> seconds(Map<String, Long> pids) throws IOException {
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<Long, long[]> all = processes();
        for (Map.Entry<String, Long> named : pids.entrySet()) {
            long ticks = 0;
            for (Map.Entry<Long, long[]> process : all.entrySet()) {
                long[] parentAndTicks = process.getValue();
                if (process.getKey().equals(named.getValue()) || parentAndTicks[0] == named.getValue()) {
                    ticks += parentAndTicks[1];
                }
            }
            seconds.put(named.getKey(), ticks / TICKS_PER_SECOND);
        }
        seconds.put("machine", machineTicks() / TICKS_PER_SECOND);
        return seconds;
    }

    /** pid → {parent pid, user + system ticks}. */
    private static Map<Long, long[]> processes() throws IOException {
        Map<Long, long[]> processes = new LinkedHashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : dirs) {
                try {
                    processes.put(Long.parseLong(dir.getFileName().toString()), parentAndTicks(
                            Files.readString(dir.resolve("stat"))));
                } catch (IOException | RuntimeException gone) {
                    // The process ended while the directory was read.
                }
            }
        }
        return processes;
    }

    /** From a /proc/PID/stat line; the command name in parentheses may itself contain spaces. */
    static long[] parentAndTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // After the name: state, ppid, ... utime is the 12th and stime the 13th of these fields.
        return new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[11]) + Long.parseLong(fields[12])};
    }

    /** Busy ticks of all cores: user, nice, system, irq, softirq and steal of /proc/stat's first line. */
    private static long machineTicks() throws IOException {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
            busy += Long.parseLong(cpu[field]);
        }
        return busy;
    }
}
