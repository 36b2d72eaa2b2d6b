package examples;

import io.gan4j.api.GanTraining;
import io.gan4j.options.Options;
import io.gan4j.training.StepEvent;
import io.gan4j.training.TrainingContext;
import io.gan4j.training.TrainingEnd;
import io.gan4j.training.TrainingListener;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A listener of the caller's that writes every step's D and G losses to its own CSV file, and
 * stops training once G's loss has stayed above a limit for 50 steps. Usage: CsvListener OUT_DIR STEPS.
 */
public final class CsvListener implements TrainingListener {

    private final Path file;
    private PrintWriter out;
    private int highSteps;

    CsvListener(Path file) {
        this.file = file;
    }

    @Override
    public void onTrainingBegin(TrainingContext context) {
        try {
            out = new PrintWriter(Files.newBufferedWriter(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println("step,d_loss,g_loss");
    }

    @Override
    public void onStep(StepEvent event) {
        out.printf("%d,%f,%f%n", event.step(), event.loss("d_loss"), event.loss("g_loss"));
        highSteps = event.loss("g_loss") > 10 ? highSteps + 1 : 0;
        if (highSteps == 50) {
            event.requestStop("G's loss stayed above 10 for 50 steps");
        }
    }

    @Override
    public void onTrainingEnd(TrainingContext context, TrainingEnd end) {
        if (out != null) {
            out.close();
        }
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Path csv = dir.resolveSibling(dir.getFileName() + "-losses.csv");
        GanTraining.builder().model("dcgan").set(Options.STEPS, Long.parseLong(args[1])).set(Options.BATCH_SIZE, 32)
                .output(dir).addListener(new CsvListener(csv)).build().train();
        System.out.println("wrote " + (Files.readAllLines(csv).size() - 1) + " steps' losses to " + csv);
    }
}
