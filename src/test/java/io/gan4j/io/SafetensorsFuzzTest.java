package io.gan4j.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;
import io.gan4j.Gan4jException;

/**
 * Any bytes given to the safetensors reader end in tensors or a {@link Gan4jException}: no other
 * exception, no hang, no allocation beyond the file's own size. Under {@code mvn test} this replays
 * the regression inputs in {@code SafetensorsFuzzTestInputs/parse}; {@code JAZZER_FUZZ=1} fuzzes.
 */
@Tag("fuzz") // own JVM: see the surefire executions in pom.xml
class SafetensorsFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void parse(byte[] input) {
        try {
            Safetensors.Contents contents = Safetensors.parse(input, "fuzz.safetensors");
            long bytes = contents.tensors().values().stream().mapToLong(t -> t.data().length).sum();
            if (bytes > input.length) {
                throw new AssertionError("tensors hold " + bytes + " bytes, more than the " + input.length + " read");
            }
        } catch (Gan4jException expected) {
            // A clear one-line error is a correct answer to a bad file.
        }
    }
}
