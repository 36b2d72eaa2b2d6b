package io.gan4j.cli;

import io.gan4j.models.Models;
import picocli.CommandLine.Command;

@Command(name = "models", mixinStandardHelpOptions = true, description = "List the models gan4j can train.")
final class ModelsCommand implements Runnable {

    @Override
    public void run() {
        Models.all().values().forEach(m -> System.out.printf("%-10s %s%n", m.name(), m.description()));
    }
}
