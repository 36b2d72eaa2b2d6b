package io.gan4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.gan4j.Gan4jException;
import io.gan4j.data.LabeledImages;
import io.gan4j.data.PairedImages;
import io.gan4j.data.Pix2PixFolder;
import io.gan4j.data.Pixels;
import io.gan4j.data.Split;
import io.gan4j.layers.Init;
import io.gan4j.layers.PatchGan;
import io.gan4j.layers.UNet;
import io.gan4j.losses.AdversarialLoss;
import io.gan4j.losses.Losses;
import io.gan4j.options.Options;
import io.gan4j.training.Batch;
import io.gan4j.training.CropFlipBatches;
import io.gan4j.training.DataSource;
import io.gan4j.training.ImageBatches;
import io.gan4j.training.Network;
import io.gan4j.training.StepLoss;
import io.gan4j.training.TrainConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * pix2pix (Isola et al. 2017, seed 004): a U-Net generator translates an input image into an
 * output image, and a PatchGAN discriminator judges (input, image) pairs — the two side by side as
 * channels — patch by patch. D: BCE (or LSGAN) of real pairs against 1 and of (input, G(input))
 * against 0, halved. G: the adversarial loss of its pairs against 1 plus λ·L1(G(input), target),
 * λ = 100. There is no noise: dropout in the decoder is the only randomness, and sampling runs in
 * inference mode (no dropout).
 *
 * <p>A real batch holds the pairs as images of 2C channels, input first; "noise" is that too
 * (the first test pairs), so the generic sampling paths see images. Pairs come from
 * {@link PairedImages}: a built-in task on an IDX data set or a pix2pix folder, which gets the
 * paper's random jitter (load at 286/256 of the size, random crop, random mirror).
 */
public final class Pix2Pix extends Gan implements Translator {

    private static final int DEFAULT_FOLDER_SIZE = 256;
    /** The paper's jitter: 256×256 images are loaded at 286×286 and randomly cropped. */
    private static final float JITTER_SCALE = 286f / 256f;

    private final int channels;
    private final AdversarialLoss adversarial;
    private PairedImages trainPairs;
    private PairedImages testPairs;

    Pix2Pix(TrainConfig c, NDManager manager) {
        this(c, manager, prepare(c));
    }

    private Pix2Pix(TrainConfig c, NDManager manager, PairedImages trainPairs) {
        super(c,
                Network.create("generator", new UNet(c.imageShape[0], c.imageShape[1], c.get(Options.BASE_CHANNELS), isInstance(c)),
                        manager, new Shape(1, c.imageShape[0], c.imageShape[1], c.imageShape[2])),
                Network.create("discriminator", PatchGan.discriminator(c.get(Options.D_LAYERS), c.get(Options.BASE_CHANNELS), isInstance(c)),
                        manager, new Shape(1, 2L * c.imageShape[0], c.imageShape[1], c.imageShape[2])));
        Init.dcgan(generator.block());
        Init.dcgan(discriminator.block());
        this.channels = c.imageShape[0];
        this.adversarial = AdversarialLoss.named(c.get(Options.ADV_LOSS) != null ? c.get(Options.ADV_LOSS) : c.get(Options.LOSS));
        this.trainPairs = trainPairs;
    }

    /**
     * Checks the options and resolves the task; for a new run, loads the training pairs and
     * derives the image shape from them (a checkpoint's config already has it).
     */
    private static PairedImages prepare(TrainConfig c) {
        c.set(Options.TASK, PairedImages.resolveTask(c.get(Options.DATA), c.get(Options.TASK)));
        if (c.imageShape != null) {
            return null;
        }
        boolean folder = c.get(Options.TASK).equals(PairedImages.FOLDER);
        if (folder && c.get(Options.IMAGE_SIZE) == null) {
            c.set(Options.IMAGE_SIZE, DEFAULT_FOLDER_SIZE);
        }
        PairedImages pairs = trainingPairs(c);
        int size = c.get(Options.IMAGE_SIZE) != null ? c.get(Options.IMAGE_SIZE) : pairs.rows();
        if (pairs.rows() != pairs.cols() || !UNet.SIZES.contains(size)) {
            throw new Gan4jException("pix2pix's U-Net takes square images of " + UNet.SIZES + " pixels, not "
                    + pairs.rows() + "x" + pairs.cols() + " (resize with --image-size)");
        }
        int layers = c.get(Options.D_LAYERS);
        if (PatchGan.outputSize(size, layers) < 1) {
            throw new Gan4jException("--d-layers " + layers + " is too deep for " + size + "x" + size + " images");
        }
        if (folder && !Pix2PixFolder.hasTestSplit(c.get(Options.DATA))) {
            throw new Gan4jException(c.get(Options.DATA) + " has no test/ or val/ directory (sample grids and eval need one)");
        }
        c.imageShape = new int[] {pairs.channels(), size, size};
        return pairs;
    }

    private static boolean isInstance(TrainConfig c) {
        return c.get(Options.NORM).equals("instance");
    }

    private static boolean jitter(TrainConfig c) {
        return c.get(Options.TASK).equals(PairedImages.FOLDER);
    }

    /** Training pairs; a folder's are loaded larger, for the random crops. */
    private static PairedImages trainingPairs(TrainConfig c) {
        Integer size = c.get(Options.IMAGE_SIZE);
        if (jitter(c)) {
            size = Math.round(size * JITTER_SCALE);
        }
        return oriented(PairedImages.load(c.get(Options.DATA), c.get(Options.TASK), size, Split.TRAIN), c);
    }

    private static PairedImages oriented(PairedImages pairs, TrainConfig c) {
        return c.get(Options.DIRECTION).equals("BtoA") ? pairs.swapped() : pairs;
    }

    @Override
    public PairedImages testPairs() {
        if (testPairs == null) {
            testPairs = oriented(PairedImages.load(config.get(Options.DATA), config.get(Options.TASK), config.get(Options.IMAGE_SIZE),
                    Split.TEST), config);
        }
        return testPairs;
    }

    /** The training pairs as 2C-channel images (input, then target), batched like any image set. */
    @Override
    public DataSource realData(LabeledImages ignored, NDManager manager) {
        PairedImages pairs = trainPairs != null ? trainPairs : trainingPairs(config);
        trainPairs = null;
        long[] labels = new long[pairs.count()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = pairs.labels() == null ? 0 : pairs.labels()[i] & 0xff;
        }
        DataSource batches = new ImageBatches(stacked(pairs, pairs.count()),
                new Shape(pairs.count(), 2L * pairs.channels(), pairs.rows(), pairs.cols()),
                labels, config.get(Options.BATCH_SIZE), config.get(Options.SEED), manager, pairs.source());
        return jitter(config) ? new CropFlipBatches(batches, config.imageShape[1]) : batches;
    }

    /** Pairs 0..n-1 (repeating when there are fewer) as [n, 2C, H, W] values in [-1, 1]. */
    private static float[] stacked(PairedImages pairs, int n) {
        int plane = pairs.channels() * pairs.rows() * pairs.cols();
        float[] a = Pixels.toSigned(pairs.inputs());
        float[] b = Pixels.toSigned(pairs.targets());
        float[] out = new float[n * 2 * plane];
        for (int i = 0; i < n; i++) {
            int from = (i % pairs.count()) * plane;
            System.arraycopy(a, from, out, 2 * i * plane, plane);
            System.arraycopy(b, from, out, (2 * i + 1) * plane, plane);
        }
        return out;
    }

    private NDArray input(NDArray pairs) {
        return pairs.get(new NDIndex(":, 0:{}", channels));
    }

    private NDArray target(NDArray pairs) {
        return pairs.get(new NDIndex(":, {}:", channels));
    }

    private NDArray discriminate(NDArray input, NDArray image) {
        return discriminator.forward(input.concat(image, 1), true);
    }

    @Override
    public StepLoss discriminatorLoss(Batch real) {
        NDArray x = input(real.images());
        // Detached: D's loss need not be back-propagated into G.
        NDArray fake = generator.forward(x, true).stopGradient();
        return StepLoss.builder()
                .add("d_real", adversarial.real(discriminate(x, target(real.images()))))
                .add("d_fake", adversarial.fake(discriminate(x, fake)))
                .total(0.5f);
    }

    @Override
    public StepLoss generatorLoss(Batch real) {
        NDArray x = input(real.images());
        NDArray fake = generator.forward(x, true);
        NDArray adversarial = this.adversarial.generator(discriminate(x, fake));
        NDArray l1 = Losses.l1(fake, target(real.images()));
        Map<String, NDArray> parts = new LinkedHashMap<>();
        parts.put("g_gan", adversarial);
        parts.put("g_l1", l1);
        return new StepLoss(adversarial.add(Losses.scale(l1, config.get(Options.L1_WEIGHT))), parts);
    }

    /** The first n test pairs (repeating when there are fewer), as [n, 2C, H, W]. */
    @Override
    public NDArray noise(NDManager manager, int n) {
        PairedImages pairs = testPairs();
        return manager.create(stacked(pairs, n), new Shape(n, 2L * channels, pairs.rows(), pairs.cols()));
    }

    @Override
    public NDArray generate(NDArray noise, NDArray labels, boolean training) {
        return generator.forward(input(noise), training);
    }

    @Override
    public NDArray translate(NDArray inputs) {
        return generator.forward(inputs, false);
    }

    /** Input | output | target triplets of test pairs: 6 per row of small images, 2 of large ones. */
    @Override
    public GridInputs gridInputs(NDManager manager) {
        int perRow = config.imageShape[1] <= 64 ? 6 : 2;
        int n = Math.min(perRow * 4, testPairs().count());
        return new GridInputs(noise(manager, n), manager.zeros(new Shape(n)), 3 * Math.min(perRow, n));
    }

    @Override
    public NDArray gridImages(NDArray noise, NDArray labels) {
        NDArray x = input(noise);
        NDArray triplets = NDArrays.stack(new NDList(x, translate(x), target(noise)), 1);
        return triplets.reshape(new Shape(-1).addAll(sampleShape()));
    }
}
