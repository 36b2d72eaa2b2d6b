package io.gan4j.cli;

import io.gan4j.Gan4jException;
import io.gan4j.dashboard.Dashboard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Serve a live web dashboard of one or more run directories (finished or still training), overlaid for comparison; Ctrl-C stops it.")
final class DashboardCommand implements Runnable {

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run directories (what 'gan4j train' writes to --out).")
    List<Path> runs;

    @Mixin
    DashboardOptions server;

    @Override
    public void run() {
        for (Path run : runs) {
            if (!Files.isDirectory(run)) {
                throw new Gan4jException(run + ": no such run directory");
            }
        }
        Dashboard dashboard = server.start(runs);
        System.out.println("serving " + runs.size() + " run(s); Ctrl-C to stop");
        dashboard.awaitClose();
    }
}
