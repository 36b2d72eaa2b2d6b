package io.gan4j.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gan4j.Gan4jException;
import org.junit.jupiter.api.Tag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Any bytes given as an image file (PNG, JPEG, GIF, BMP headers and beyond) end in 3 planes of
 * 8×8 or a {@link Gan4jException} naming the file; a header declaring more than 100 megapixels is
 * refused before decoding. Replays {@code ImageHeaderFuzzTestInputs/decode} (a tiny image of each
 * format and a 40000×40000 PNG header) under {@code mvn test}; {@code JAZZER_FUZZ=1} fuzzes.
 */
@Tag("fuzz") // own JVM: see the surefire executions in pom.xml
class ImageHeaderFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void decode(byte[] input) {
        Path file = null;
        try {
            file = Files.createTempFile("gan4j-fuzz", ".img");
            Files.write(file, input);
            byte[] planes = ImageDecoder.decodeRgb(file, 8, ImageDecoder.Background.WHITE);
            if (planes.length != 3 * 8 * 8) {
                throw new AssertionError("decoded " + planes.length + " values, not 3x8x8");
            }
        } catch (Gan4jException e) {
            if (!e.getMessage().startsWith(file.toString())) {
                throw new AssertionError("the error does not name the file: " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }
}
