package io.gan4j.training;

import io.gan4j.evaluation.GanEvaluation;
import io.gan4j.options.Options;

/** {@code --eval-every N}: the evaluation metrics of the generator's samples appended to metrics.jsonl every N steps. */
final class PeriodicEvaluation implements TrainingListener {

    @Override
    public void onStep(StepEvent event) {
        TrainingContext context = event.context();
        if (event.every(context.config().get(Options.EVAL_EVERY))) {
            context.withSamplingWeights(() -> GanEvaluation.appendToMetrics(context.gan(), context.config(), event.step(),
                    context.outputDir().resolve("metrics.jsonl"), context.manager(), context.console()));
        }
    }
}
