package io.gan4j.cli;

import ai.djl.ndarray.NDManager;
import io.gan4j.Gan4jException;
import io.gan4j.Engines;
import io.gan4j.data.Datasets;
import io.gan4j.data.LabeledImages;
import io.gan4j.data.Split;
import io.gan4j.evaluation.Classifier;
import io.gan4j.evaluation.Classifiers;
import io.gan4j.evaluation.GanEvaluation;
import io.gan4j.evaluation.TranslationEvaluation;
import io.gan4j.io.Json;
import io.gan4j.evaluation.DiscriminatorAccuracy;
import io.gan4j.models.Gan;
import io.gan4j.models.ImageClassifying;
import io.gan4j.models.Models;
import io.gan4j.models.Translator;
import io.gan4j.training.Checkpoint;
import io.gan4j.training.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score a generator with a fixed classifier: fd (Frechet distance of its penultimate features),"
                + " fd_logits, score (Inception-score analogue), precision/recall (k=3), cond_acc for conditional"
                + " models (code_acc for InfoGAN's code, under the best code-to-class matching), and the real-vs-real floor (train subset vs test set) of each.",
            "For a translation model (pix2pix): L1, PSNR and SSIM of its outputs on every test pair, next to the"
                + " input-as-output baseline (--classifier, --n and --seed do not apply)."})
final class EvalCommand implements Runnable {

    @Option(names = "--checkpoint", required = true, description = "A run directory or one of its checkpoints.")
    Path checkpoint;

    @Option(names = "--classifier", description = "Classifier directory (default: the data set's cached one,"
            + " trained once with the fixed recipe into ~/.gan4j/classifiers/<dataset>-v2).")
    Path classifier;

    @Option(names = "--n", defaultValue = "10000", description = "Number of generated samples (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--seed", defaultValue = "0", description = "Noise seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Mixin
    EngineOptions engine;

    @Override
    public void run() {
        if (n < 10) {
            throw new Gan4jException("--n must be at least 10, not " + n);
        }
        // One thread unless told: see ClassifierCommand.
        Engines.configure(engine.threads(1));
        Path dir = Checkpoint.resolve(checkpoint);
        TrainConfig config = Checkpoint.config(dir);
        Map<String, Object> report = new LinkedHashMap<>();
        boolean translation;
        try (NDManager manager = Engines.newManager(engine.deviceOrCpu())) {
            Gan gan = Models.create(config, manager);
            translation = gan instanceof Translator;
            if (!translation) {
                GanEvaluation.requireImageModel(config);
            }
            Classifier c = translation ? null : Classifiers.resolve(classifier, config.data, Classifiers.folderSize(config), manager, json ? System.err : System.out);
            long step = Checkpoint.loadForSampling(dir, gan, manager);
            report.put("checkpoint", dir.toString());
            report.put("step", step);
            if (translation) {
                report.put("model", config.model);
                report.putAll(TranslationEvaluation.evaluate(gan, manager));
            } else {
                report.put("classifier", (classifier != null ? classifier : Classifiers.defaultDir(config.data, Classifiers.folderSize(config))).toString());
                report.putAll(GanEvaluation.evaluate(gan, config, c, n, seed, manager));
            }
            if (gan instanceof ImageClassifying classifying) {
                LabeledImages test = Classifiers.images(config.data, Classifiers.folderSize(config), Split.TEST, null);
                report.put("d_test_accuracy", DiscriminatorAccuracy.accuracy(
                        DiscriminatorAccuracy.predict(classifying, test, config.imageShape, manager), test));
            }
        }
        System.out.println(json ? Json.GSON.toJson(report) : translation ? TranslationEvaluation.table(report) : table(report));
    }

    @SuppressWarnings("unchecked")
    static String table(Map<String, Object> r) {
        Map<String, Object> floor = (Map<String, Object>) r.get("real_vs_real");
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%s at step %s (%s), %s samples, seed %s%n", r.get("model"), r.get("step"),
                r.get("checkpoint"), r.get("n"), r.get("seed")));
        s.append(String.format(Locale.ROOT, "classifier %s (%s, test accuracy %.4f, sha256 %s)%n", r.get("classifier"),
                r.get("classifier_kind"), (Double) r.get("classifier_test_accuracy"), r.get("classifier_sha256")));
        s.append(String.format(Locale.ROOT, "%-12s %12s %16s%n", "metric", "generated",
                "real vs real (" + floor.get("n") + ")"));
        for (String key : new String[] {"fd", "fd_logits", "score", "precision", "recall", "max_share"}) {
            s.append(String.format(Locale.ROOT, "%-12s %12.4f %16.4f%n", key, (Double) r.get(key), (Double) floor.get(key)));
        }
        StringBuilder shares = new StringBuilder("class shares");
        for (double share : (double[]) r.get("class_shares")) {
            shares.append(String.format(Locale.ROOT, " %.3f", share));
        }
        s.append(shares).append('\n');
        if (r.containsKey("cond_acc")) {
            s.append(String.format(Locale.ROOT, "%-12s %12.4f %16.4f%n", "cond_acc", (Double) r.get("cond_acc"),
                    (Double) floor.get("classifier_acc")));
            double[] per = (double[]) r.get("cond_acc_per_class");
            StringBuilder line = new StringBuilder("per class   ");
            for (int k = 0; k < per.length; k++) {
                line.append(String.format(Locale.ROOT, " %d:%.3f", k, per[k]));
            }
            s.append(line).append('\n');
        }
        if (r.containsKey("d_test_accuracy")) {
            s.append(String.format(Locale.ROOT, "%-12s %12.4f   (the discriminator as a classifier, on the %s test images)%n",
                    "d_test_acc", (Double) r.get("d_test_accuracy"), r.get("n_test")));
        }
        if (r.containsKey("code_acc")) {
            int[] classOf = (int[]) r.get("code_to_class");
            double[] per = (double[]) r.get("code_acc_per_code");
            s.append(String.format(Locale.ROOT, "%-12s %12.4f%n", "code_acc", (Double) r.get("code_acc")));
            StringBuilder line = new StringBuilder("per code    ");
            for (int c = 0; c < per.length; c++) {
                line.append(String.format(Locale.ROOT, " %d->%d:%.3f", c, classOf[c], per[c]));
            }
            s.append(line).append('\n');
        }
        s.append(String.format(Locale.ROOT, "(score: mean of %s splits; real vs real: %s train images vs the %s test images;"
                + " %.1f s)", r.get("score_splits"), floor.get("n"), r.get("n_test"), (Double) r.get("time_s")));
        return s.toString();
    }
}
