package io.gan4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bilinear resizing against PyTorch's {@code F.interpolate(mode="bilinear", align_corners=False)}
 * (no antialiasing), rounded half up: several planes, non-square inputs, up and down. Expected
 * values from {@code /usr/bin/python3} with torch 1.13 on the same inputs (chosen with no value within
 * 0.02 of a rounding tie, where float32 orders could differ).
 */
class PixelsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2|3|2|4|172 47 117 192 67 251 195 103 9 211 21 242|"
                + "172 141 78 47 138 138 138 138 98 127 185 214 67 113 205 251 195 172 126 103 79 102 148 171 14 66 170 223 21 76 187 242",
        "1|4|6|2|36 87 70 216 88 140 58 193 230 39 87 174 88 81 165 25 77 72 9 148 115 208 243 197|140 88 115 160",
        "1|2|2|5|37 165 173 45|37 50 101 152 165 51 61 102 143 153 105 105 105 105 105 159 149 108 67 57 173 160 109 58 45"})
    void resizeMatchesPyTorchsBilinearInterpolation(int planes, int rows, int cols, int size, String in, String out) {
        assertArrayEquals(bytes(out), Pixels.resize(bytes(in), planes, rows, cols, size));
    }

    private static byte[] bytes(String values) {
        String[] v = values.trim().split(" ");
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) Integer.parseInt(v[i]);
        }
        return b;
    }
}
