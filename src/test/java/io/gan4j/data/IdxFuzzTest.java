package io.gan4j.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;
import io.gan4j.Gan4jException;

import java.io.ByteArrayInputStream;
import java.util.Arrays;

/**
 * Any image and label bytes (plain or gzip) end in a data set or a {@link Gan4jException}; a header
 * claiming 2^31 images must not allocate for them. An input is: one byte L, L bytes of the label
 * file, then the image file. Replays {@code IdxFuzzTestInputs/read} under {@code mvn test};
 * {@code JAZZER_FUZZ=1} fuzzes.
 */
@Tag("fuzz") // own JVM: see the surefire executions in pom.xml
class IdxFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void read(byte[] input) {
        int split = input.length == 0 ? 0 : Math.min(input.length, 1 + Byte.toUnsignedInt(input[0]));
        byte[] labels = Arrays.copyOfRange(input, Math.min(1, split), split);
        byte[] images = Arrays.copyOfRange(input, split, input.length);
        try {
            LabeledImages read = Idx.read(new ByteArrayInputStream(images), "images", new ByteArrayInputStream(labels), "labels");
            if ((long) read.rows() * read.cols() * read.count() != read.pixels().length) {
                throw new AssertionError("shape does not match the pixels");
            }
        } catch (Gan4jException expected) {
            // A clear one-line error is a correct answer to a bad file.
        }
    }
}
