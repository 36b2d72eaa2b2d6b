package examples;

import io.gan4j.api.GanTraining;
import io.gan4j.api.ImageSource;
import io.gan4j.api.TrainingData;
import io.gan4j.options.Options;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * A data source of the caller's: 28×28 rings of 4 sizes drawn on the fly (label = size), trained
 * with gan4j's conditional GAN. Any source of images and labels works the same way: a database,
 * a camera, files in a format gan4j does not read. Usage: CustomData OUT_DIR STEPS.
 */
public final class CustomData implements ImageSource {

    @Override
    public int size() {
        return 512;
    }

    @Override
    public BufferedImage image(int index) {
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(2));
        int r = 4 + 2 * label(index) + index % 3;
        g.drawOval(14 - r, 14 - r, 2 * r, 2 * r);
        g.dispose();
        return image;
    }

    @Override
    public int label(int index) {
        return index % 4;
    }

    public static void main(String[] args) {
        var result = GanTraining.builder().model("cgan").set(Options.STEPS, Long.parseLong(args[1]))
                .set(Options.BATCH_SIZE, 32).data(TrainingData.of(new CustomData()))
                .output(Path.of(args[0])).console(System.out).build().train();
        System.out.println("cgan trained on rings for " + result.steps() + " steps in " + result.runDir());
    }
}
