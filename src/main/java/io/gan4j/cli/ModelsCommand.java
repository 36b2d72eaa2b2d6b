package io.gan4j.cli;

import io.gan4j.models.Models;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List the models gan4j can train, or print one model's recipe (a start for 'train --recipe FILE').")
final class ModelsCommand implements Runnable {

    @Parameters(index = "0", arity = "0..1", description = "A model whose recipe to print (default: list every model).")
    String model;

    @Override
    public void run() {
        if (model != null) {
            System.out.print(Models.get(model).recipe().text());
            return;
        }
        int width = Models.all().keySet().stream().mapToInt(String::length).max().orElse(0);
        Models.all().values().forEach(m -> System.out.printf("%-" + width + "s  %s%n", m.name(), m.description()));
    }
}
