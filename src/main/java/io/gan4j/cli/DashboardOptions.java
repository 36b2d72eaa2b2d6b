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

    // new option (issue 25)
    @Option(names = "--token", description = "Token every request must carry (default: none on 127.0.0.1; a random one, "
            + "printed in the address, for any other --host).")
    String token;

    boolean given() {
        return host != null || port != null || token != null;
    }

    /** Starts the dashboard on {@code runs} and prints its address, with a warning when it is reachable from the network. */
    Dashboard start(List<Path> runs) {
        Dashboard dashboard = Dashboard.start(runs, host != null ? host : "127.0.0.1", port != null ? port : 8080, token);
        if (!dashboard.loopback()) {
            System.err.println("warning: the dashboard listens on " + host + ", beyond this machine: whoever has its address"
                    + " (with the token) can read these runs' configs, data paths and samples, over plain HTTP");
        }
        System.out.println("dashboard: " + dashboard.url());
        return dashboard;
    }
}
