package io.gan4j.cli;

import io.gan4j.Engines;
import io.gan4j.Gan4jException;
import io.gan4j.UsageException;
import io.gan4j.augment.DiffAugment;
import io.gan4j.losses.AdversarialLoss;
import io.gan4j.dashboard.Dashboard;
import io.gan4j.layers.ConvNets;
import io.gan4j.models.ModelSpec;
import io.gan4j.models.Models;
import io.gan4j.options.Option;
import io.gan4j.options.Options;
import io.gan4j.options.Recipe;
import io.gan4j.training.Checkpoint;
import io.gan4j.training.TrainConfig;
import io.gan4j.training.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code gan4j train}. Its run options are not written here: {@link #declare} adds one picocli
 * option per declaration of {@link Options} (help with unit and default, parsing and checking by
 * the declaration), so a new option needs no change in this class.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a model; outputs (config, metrics, sample grids, progress.gif, loss.png, checkpoints) go to --out.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", description = "Model to train (see 'gan4j models'); omit with --resume.")
    String model;

    @picocli.CommandLine.Option(names = "--resume", description = "Continue the run in this directory from its latest checkpoint (default: a new run).")
    Path resume;

    @picocli.CommandLine.Option(names = "--out", description = "Output directory (default: runs/<model>-<timestamp>).")
    Path out;

    @picocli.CommandLine.Option(names = "--recipe", description = "A recipe file of option values ('name = value' lines, names as the options"
            + " below without --) that replace the model's; options given here override it (default: the model's own recipe only).")
    Path recipe;

    @picocli.CommandLine.Option(names = "--seeds", split = ",", paramLabel = "<seeds>", description = "Train one run per seed"
            + " (e.g. 1,2,3) into OUT/seed-S, side by side when the cores allow, each with --threads threads"
            + " (default: one run, --seed; with --seeds the cores are shared evenly unless --threads is given).")
    List<Long> seeds;

    @picocli.CommandLine.Option(names = "--lr", description = "Learning rate of both networks; --lr-g and --lr-d override it (default: the recipe's --lr-g and --lr-d).")
    Float lr;

    @picocli.CommandLine.Option(names = "--dashboard", description = "Serve the live dashboard of this run (see 'gan4j dashboard');"
            + " it stays up after training until Ctrl-C (default: off).")
    boolean dashboard;

    @Mixin
    DashboardOptions server;

    /** Adds a picocli option for every declared option, and a hidden one for each deprecated name. */
    static void declare(CommandSpec train) {
        for (Option<?> o : Options.ALL) {
            declare(train, o);
        }
    }

    /** Adds a picocli option for one declared option, and a hidden one for each of its deprecated names. */
    static void declare(CommandSpec command, Option<?> o) {
        command.addOption(optionSpec(o, o.flag(), false));
        for (String old : o.deprecatedNames()) {
            command.addOption(optionSpec(o, "--" + old, true));
        }
    }

    private static <T> OptionSpec optionSpec(Option<T> o, String name, boolean hidden) {
        OptionSpec.Builder b = OptionSpec.builder(name).type(o.type()).hidden(hidden)
                .description(o.helpLine(recipeValues(o)))
                .paramLabel("<" + (o.unit().isEmpty() ? o.name() : o.unit().replace(' ', '-')) + ">")
                .converters(text -> {
                    T value = o.parse(text);
                    o.validate(null, value);
                    return value;
                });
        if (o.type() == Boolean.class) {
            b.arity("0..1");
        }
        return b.build();
    }

    /** Model name → the value its recipe gives an option, for the models whose recipe sets it. */
    private static Map<String, Object> recipeValues(Option<?> o) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ModelSpec m : Models.all().values()) {
            Object v = m.recipe().get(o);
            if (v != null) {
                values.put(m.name(), v);
            }
        }
        return values;
    }

    /** The options given on the command line, each under its declaration (a deprecated name warns). */
    private Map<Option<?>, Object> given() {
        Map<Option<?>, Object> given = new LinkedHashMap<>();
        for (Option<?> o : Options.ALL) {
            Object value = spec.findOption(o.flag()).getValue();
            for (String old : o.deprecatedNames()) {
                Object v = spec.findOption("--" + old).getValue();
                if (v != null) {
                    spec.commandLine().getErr().println("gan4j: --" + old + " is deprecated; use " + o.flag());
                    if (value != null) {
                        throw new UsageException("give " + o.flag() + " or its old name --" + old + ", not both");
                    }
                    value = v;
                }
            }
            if (value != null) {
                given.put(o, value);
            }
        }
        return given;
    }

    /** Exit status 130 or 143 (as a shell reports SIGINT or SIGTERM) when one stopped training, after saving a checkpoint. */
    @Override
    public Integer call() {
        Map<Option<?>, Object> given = given();
        if (seeds != null) {
            return trainSeeds(given);
        }
        TrainConfig config = resume != null ? resumedConfig(given) : newConfig(given);
        Engines.configure(config.get(Options.THREADS));
        Path dir = resume != null ? resume : out != null ? out
                : Path.of("runs", config.model + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        if (server.given() && !dashboard) {
            throw new UsageException("--host, --port and --token are options of --dashboard");
        }
        Trainer trainer = new Trainer(config, dir, System.out);
        if (!dashboard) {
            trainer.run(resume != null);
            return trainer.exitStatus();
        }
        try (Dashboard live = server.start(List.of(dir))) {
            trainer.run(resume != null);
            if (trainer.interrupted()) {
                return trainer.exitStatus();
            }
            System.out.println("dashboard still at " + live.url() + " ; Ctrl-C to stop");
            live.awaitClose();
        }
        return 0;
    }

    /** --seeds: checks the command line once here (so a bad option fails before any run starts), then trains each seed. */
    private int trainSeeds(Map<Option<?>, Object> given) {
        if (given.containsKey(Options.SEED) || resume != null || dashboard) {
            throw new UsageException("--seeds trains new runs: it does not combine with --seed, --resume or --dashboard");
        }
        if (seeds.isEmpty() || seeds.stream().distinct().count() != seeds.size()) {
            throw new UsageException("--seeds needs distinct seeds, e.g. 1,2,3, not " + seeds);
        }
        given.put(Options.SEED, seeds.get(0));
        newConfig(given);
        Path dir = out != null ? out : Path.of("runs", model + "-seeds-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        for (long s : seeds) {
            if (java.nio.file.Files.exists(dir.resolve("seed-" + s).resolve("config.json"))) {
                throw new Gan4jException(dir.resolve("seed-" + s) + " already holds a run: choose another --out");
            }
        }
        return SeedRuns.run(spec.commandLine().getParseResult().originalArgs(), seeds, dir, (Integer) given.get(Options.THREADS),
                java.lang.Runtime.getRuntime().availableProcessors());
    }

    /** Command line, then the user's recipe, then the model's, then the global defaults. */
    private TrainConfig newConfig(Map<Option<?>, Object> given) {
        if (model == null) {
            throw new UsageException("train needs a MODEL (see 'gan4j models') or --resume DIR");
        }
        Models.get(model);
        TrainConfig c = new TrainConfig();
        c.model = model;
        given.forEach((o, v) -> set(c, o, v));
        if (lr != null) {
            c.set(Options.LR_G, c.get(Options.LR_G, lr));
            c.set(Options.LR_D, c.get(Options.LR_D, lr));
        }
        if (recipe != null) {
            Recipe.read(recipe).fillIn(c);
        }
        if ("pix2pix".equals(model) && given.containsKey(Options.LOSS)) {
            spec.commandLine().getErr().println("gan4j: pix2pix's --loss is deprecated; use --adv-loss " + c.get(Options.LOSS));
        }
        return validate(Models.resolve(c));
    }

    private static <T> void set(TrainConfig c, Option<T> option, Object value) {
        c.set(option, option.type().cast(value));
    }

    /** A resumed run keeps its configuration; only the options declared resumable may change. */
    private TrainConfig resumedConfig(Map<Option<?>, Object> given) {
        List<String> fixed = given.keySet().stream().filter(o -> !o.resumable()).map(Option::flag).collect(Collectors.toList());
        for (Object[] extra : new Object[][] {{"MODEL", model}, {"--out", out}, {"--recipe", recipe}, {"--lr", lr}}) {
            if (extra[1] != null) {
                fixed.add(0, (String) extra[0]);
            }
        }
        if (!fixed.isEmpty()) {
            throw new UsageException("--resume continues a run as configured: " + String.join(", ", fixed) + " cannot change; only "
                    + Options.ALL.stream().filter(Option::resumable).map(Option::flag).collect(Collectors.joining(", ")) + " may be given");
        }
        TrainConfig c = Checkpoint.config(Checkpoint.resolve(resume));
        if (given.containsKey(Options.STEPS) || given.containsKey(Options.EPOCHS)) {
            c.set(Options.STEPS, null); // --epochs alone measures the run in epochs again
        }
        given.forEach((o, v) -> set(c, o, v));
        return validate(c);
    }

    /** Checks every option against its declaration, then what only makes sense together, before anything is written. */
    private static TrainConfig validate(TrainConfig c) {
        Options.validate(c);
        if (c.get(Options.ADV_LOSS) != null && !AdversarialLoss.MODELS.contains(c.model)) {
            throw new UsageException("--adv-loss applies to " + String.join(", ", AdversarialLoss.MODELS) + ", not " + c.model);
        }
        if (c.get(Options.IMAGE_SIZE) != null) {
            requireImageSize(c);
        }
        if (DiffAugment.parse(c.get(Options.DIFFAUGMENT)) != null && "none".equals(c.get(Options.DATA))) {
            throw new UsageException("--diffaugment: " + c.model + " does not train on images");
        }
        if (c.get(Options.EVAL_EVERY) > 0) {
            io.gan4j.evaluation.GanEvaluation.requireImageModel(c);
        }
        return c;
    }

    /** The convolutional networks exist for a few sizes only; an MLP takes any, the pattern GAN no images. */
    private static void requireImageSize(TrainConfig c) {
        if ("none".equals(c.get(Options.DATA))) {
            throw new UsageException("--image-size: " + c.model + " does not train on images");
        }
        boolean convolutional = switch (c.model) {
            case "dcgan", "acgan", "sgan" -> true;
            case "cgan" -> "conv".equals(c.get(Options.ARCH));
            default -> false;
        };
        int size = c.get(Options.IMAGE_SIZE);
        if (convolutional && !ConvNets.SIZES.contains(size)) {
            throw new UsageException("--image-size " + size + ": " + c.model + "'s convolutional networks take "
                    + ConvNets.SIZES + " only");
        }
    }
}
