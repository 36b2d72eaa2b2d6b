/**
 * gan4j as a Java library: choose a model ({@link io.gan4j.api.GanTraining.Builder#model(String)}),
 * configure it with typed option keys ({@code io.gan4j.options.Options}), give it data
 * ({@link io.gan4j.api.TrainingData}), train it with listeners
 * ({@link io.gan4j.training.TrainingListener}), and sample a trained generator
 * ({@link io.gan4j.api.Generator}).
 *
 * <pre>{@code
 * Path run = GanTraining.builder().model("acgan").set(Options.STEPS, 300L)
 *         .data(TrainingData.digits()).output(Path.of("runs/acgan")).build().train().runDir();
 * try (Generator g = Generator.load(run)) {
 *     List<Generator.Sample> sevens = g.sample(16, 7, 1L);
 * }
 * }</pre>
 */
package io.gan4j.api;
