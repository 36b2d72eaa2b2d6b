package io.gan4j.cli;

import io.gan4j.Gan4jException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The {@code gan4j} command line. */
@Command(name = "gan4j", mixinStandardHelpOptions = true, version = "gan4j 0.1.0",
        description = "Train, sample and inspect GANs on DJL (PyTorch engine), offline.",
        subcommands = {ModelsCommand.class, TrainCommand.class, SampleCommand.class, ClassifierCommand.class,
            EvalCommand.class, BackqueryCommand.class, ClassifyCommand.class, BenchCommand.class,
            DashboardCommand.class, TranslateCommand.class, PairsCommand.class, ExportCommand.class})
public final class Main implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code; user errors print one line, no stack trace. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof Gan4jException) {
                commandLine.getErr().println("gan4j: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        cli.setParameterExceptionHandler((e, args1) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("gan4j: " + e.getMessage() + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return 2;
        });
        return cli.execute(args);
    }
}
