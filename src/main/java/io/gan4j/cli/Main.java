package io.gan4j.cli;

import io.gan4j.Gan4jException;
import io.gan4j.UsageException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;

/** The {@code gan4j} command line. */
@Command(name = "gan4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Train, sample and inspect GANs on DJL (PyTorch engine), offline.",
        subcommands = {ModelsCommand.class, TrainCommand.class, SampleCommand.class, ClassifierCommand.class,
            EvalCommand.class, BackqueryCommand.class, ClassifyCommand.class, BenchCommand.class,
            DashboardCommand.class, TranslateCommand.class, PairsCommand.class, ExportCommand.class})
public final class Main implements Runnable {

    /** The version Maven wrote into {@code io/gan4j/version.properties} at build time (the pom's). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            java.util.Properties p = new java.util.Properties();
            try (var in = Main.class.getResourceAsStream("/io/gan4j/version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"gan4j " + p.getProperty("version", "(version unknown)")};
        }
    }

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** The exit statuses, in every command's help. */
    static final String EXIT_CODES = "Exit status: 0 done; 1 a runtime failure (bad input file, training error);"
            + " 2 a usage error (unknown command or option, a bad option value); 130/143 train stopped by Ctrl-C/SIGTERM, checkpoint saved.";

    /** Runs a command line and returns its exit code; user errors print one line, no stack trace. */
    public static int execute(String... args) {
        CommandLine cli = commandLine();
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof Gan4jException) {
                commandLine.getErr().println("gan4j: " + e.getMessage());
                return e instanceof UsageException ? 2 : 1;
            }
            throw e;
        });
        cli.setParameterExceptionHandler((e, args1) -> {
            PrintWriter err = e.getCommandLine().getErr();
            CommandSpec spec = e.getCommandLine().getCommandSpec();
            if (e instanceof UnmatchedArgumentException u && spec.parent() == null && !u.getUnmatched().isEmpty()
                    && !u.getUnmatched().get(0).startsWith("-")) {
                err.println("gan4j: unknown command '" + u.getUnmatched().get(0) + "' (commands: "
                        + String.join(", ", spec.subcommands().keySet()) + ")");
                return 2;
            }
            Throwable cause = e.getCause();
            String message = cause instanceof UsageException ? cause.getMessage() : e.getMessage();
            err.println("gan4j: " + message + " (see '" + spec.qualifiedName() + " --help')");
            return 2;
        });
        return cli.execute(args);
    }

    /** The command tree, with the declared options of train (and bench) and every command's exit-status footer. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        TrainCommand.declare(cli.getSubcommands().get("train").getCommandSpec());
        BenchCommand.declare(cli.getSubcommands().get("bench").getCommandSpec());
        footer(cli);
        return cli;
    }

    private static void footer(CommandLine cli) {
        cli.getCommandSpec().usageMessage().footer(EXIT_CODES);
        cli.getSubcommands().values().forEach(Main::footer);
    }
}
