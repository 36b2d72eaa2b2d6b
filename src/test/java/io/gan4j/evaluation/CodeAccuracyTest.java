package io.gan4j.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gan4j.Gan4jException;
import org.junit.jupiter.api.Test;

import java.util.Map;

/** InfoGAN's code scored as an unsupervised classifier: invariant to how the code values are numbered. */
class CodeAccuracyTest {

    @Test
    void aPermutedCodeScoresLikeTheClassesItSeparates() {
        int[] classOf = {3, 0, 1, 2};
        int[] codes = new int[40];
        int[] predicted = new int[40];
        for (int i = 0; i < 40; i++) {
            codes[i] = i % 4;
            predicted[i] = classOf[codes[i]];
        }
        predicted[0] = 1; // one sample of code 0 misread as class 1: 39 of 40 right
        Map<String, Object> r = GanEvaluation.codeAccuracy(predicted, codes, 4, 4);
        assertEquals(39 / 40.0, (Double) r.get("code_acc"), 1e-12);
        assertArrayEquals(classOf, (int[]) r.get("code_to_class"));
        assertArrayEquals(new double[] {0.9, 1, 1, 1}, (double[]) r.get("code_acc_per_code"), 1e-12);
    }

    @Test
    void codeValuesMustMatchTheClassesOneToOne() {
        assertThrows(Gan4jException.class, () -> GanEvaluation.codeAccuracy(new int[] {0}, new int[] {0}, 5, 10));
    }
}
