package io.gan4j.cli;

import io.gan4j.Gan4jException;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code train --seeds 1,2,3}: one run per seed, each in its own JVM (libtorch's thread count is
 * fixed per process once the engine has loaded, so runs side by side need processes of their own),
 * as many at once as the cores allow with each run's thread budget, into {@code OUT/seed-S}
 * (console output in {@code OUT/seed-S.log}).
 */
final class SeedRuns {

    /** Options the runs get one by one, so the caller's are dropped. */
    private static final Set<String> PER_RUN = Set.of("--seeds", "--seed", "--out", "--threads");

    private SeedRuns() {}

    /**
     * Trains the command line {@code args} (as given, a {@code train} command) once per seed and
     * returns 0 when every run succeeded, else 1. {@code threads}: each run's threads, or null to
     * share the cores evenly among the runs.
     */
    static int run(List<String> args, List<Long> seeds, Path out, Integer threads, int cores) {
        int perRun = threads != null ? threads : Math.max(1, cores / Math.min(seeds.size(), cores));
        int parallel = Math.max(1, Math.min(seeds.size(), cores / perRun));
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new Gan4jException(out + ": cannot create the runs' directory (" + e.getMessage() + ")", e);
        }
        System.out.printf("training %d runs (seeds %s), %d at a time with %d thread(s) each, into %s%n", seeds.size(),
                seeds, parallel, perRun, out);
        List<String> base = command(args);
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (long seed : seeds) {
                Path dir = out.resolve("seed-" + seed);
                Path log = out.resolve("seed-" + seed + ".log");
                List<String> command = new ArrayList<>(base);
                command.addAll(List.of("--seed", Long.toString(seed), "--out", dir.toString(), "--threads", Integer.toString(perRun)));
                runs.add(pool.submit(() -> {
                    System.out.printf("seed %d: training into %s (log %s)%n", seed, dir, log);
                    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                    int code = p.waitFor();
                    System.out.printf("seed %d: %s%n", seed, code == 0 ? "done" : "failed (exit " + code + "; " + lastLine(log) + ")");
                    return code;
                }));
            }
            int failed = 0;
            for (Future<Integer> run : runs) {
                failed += run.get() == 0 ? 0 : 1;
            }
            System.out.println(failed == 0 ? "all " + seeds.size() + " runs done: " + out
                    : failed + " of " + seeds.size() + " runs failed: see their logs in " + out);
            return failed == 0 ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Gan4jException("interrupted while the seeds' runs were training", e);
        } catch (ExecutionException e) {
            throw new Gan4jException("cannot start a run: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** This JVM's java, its options and class path, the CLI's main class, then {@code args} without the per-run options. */
    private static List<String> command(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-agentlib") && !option.startsWith("-javaagent") && !option.startsWith("-Xrunjdwp")) {
                command.add(option);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (PER_RUN.contains(name)) {
                i += arg.contains("=") ? 0 : 1; // skip its value too
            } else {
                command.add(arg);
            }
        }
        return command;
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "no log";
        }
    }
}
