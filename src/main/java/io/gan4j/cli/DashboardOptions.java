package io.gan4j.cli;

import io.gan4j.dashboard.Dashboard;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** Where the dashboard listens (train --dashboard, gan4j dashboard). */
final class DashboardOptions {

    @Option(names = "--host", description = "Address the dashboard listens on (default: 127.0.0.1, this machine only).")
    String host;

    @Option(names = "--port", description = "Dashboard port (default: 8080; 0 picks a free one).")
    Integer port;

    boolean given() {
        return host != null || port != null;
    }

    /** Starts the dashboard on {@code runs} and prints its address. */
    Dashboard start(List<Path> runs) {
        Dashboard dashboard = Dashboard.start(runs, host != null ? host : "127.0.0.1", port != null ? port : 8080);
        System.out.println("dashboard: " + dashboard.url());
        return dashboard;
    }
}
