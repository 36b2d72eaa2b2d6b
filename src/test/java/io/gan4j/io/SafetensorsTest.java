package io.gan4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gan4j.Allocations;
import io.gan4j.Gan4jException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class SafetensorsTest {

    private static Tensor f32(long[] shape, float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return new Tensor(Tensor.Dtype.F32, shape, b.array());
    }

    /** A file with the given header text and data bytes. */
    private static byte[] file(String header, int dataBytes) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(json.length).put(json).array();
    }

    @Test
    void roundTripsTensorsAndMetadataInOrder(@TempDir Path dir) throws Exception {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("fc.weight", f32(new long[] {2, 3}, 1, 2, 3, 4, 5, -6));
        tensors.put("bn.num_batches_tracked", Tensor.scalarI64(42));
        tensors.put("empty", f32(new long[] {0, 5}));
        Path file = dir.resolve("x.safetensors");
        Safetensors.write(file, tensors, Map.of("format", "pt"));

        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8, "data 8-byte aligned");
        Safetensors.Contents read = Safetensors.read(file);
        assertEquals(List.copyOf(tensors.keySet()), List.copyOf(read.tensors().keySet()));
        assertEquals(Map.of("format", "pt"), read.metadata());
        for (String name : tensors.keySet()) {
            assertEquals(tensors.get(name).dtype(), read.tensors().get(name).dtype());
            assertArrayEquals(tensors.get(name).shape(), read.tensors().get(name).shape());
            assertArrayEquals(tensors.get(name).data(), read.tensors().get(name).data());
        }
        assertEquals(8 + headerLength + 6 * 4 + 8, bytes.length);
    }

    @Test
    void rejectsLyingHeadersWithOneLine() {
        String offsets = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,%d]}}";
        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put("shorter than the 8-byte", new byte[3]);
        bad.put("header length 2147483648", ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 31).array());
        bad.put("header length 18446744073709551615", ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1).array());
        bad.put("lie outside", file(String.format(offsets, 8), 4));
        bad.put("does not match its 4 data bytes", file(String.format(offsets, 4), 4));
        bad.put("not valid JSON", file("{\"a\":", 0));
        bad.put("unsupported dtype 'Q8'", file("{\"a\":{\"dtype\":\"Q8\",\"shape\":[],\"data_offsets\":[0,1]}}", 1));
        bad.put("not a non-negative integer", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4));
        bad.put("does not match", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,4]}}", 4));
        bad.put("is not a string", file("{\"__metadata__\":{\"k\":1}}", 0));
        bad.forEach((fragment, bytes) -> {
            Gan4jException e = assertThrows(Gan4jException.class, () -> Safetensors.parse(bytes, "f.st"), fragment);
            assertTrue(e.getMessage().startsWith("f.st: not a valid safetensors file") && e.getMessage().contains(fragment),
                    e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        });
    }

    /** 8,000 names on one 1 MiB range: refused before any copy (it once copied the range 8,000 times). */
    @Test
    void overlappingRangesAreRefusedWithoutCopying(@TempDir Path dir) throws Exception {
        StringBuilder header = new StringBuilder("{");
        for (int i = 0; i < 8000; i++) {
            header.append(i == 0 ? "" : ",").append("\"t").append(i).append("\":{\"dtype\":\"F32\",\"shape\":[262144],\"data_offsets\":[0,1048576]}");
        }
        Path file = dir.resolve("overlap.safetensors");
        Files.write(file, file(header.append("}").toString(), 1 << 20));
        Allocations.refusedWithin(() -> Safetensors.read(file), file.toString(), "overlap another tensor's");
    }

    @Test
    void rangesMustTileTheDataExactly() {
        String two = "{\"b\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[%d,%d]},"
                + "\"a\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[0,2]}}";
        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put("overlap another tensor's", file(String.format(two, 1, 3), 4));
        bad.put("leave a gap after byte 2", file(String.format(two, 3, 5), 5));
        bad.put("the tensors cover 4 of the 6 data bytes", file(String.format(two, 2, 4), 6));
        bad.put("has a name of 0 characters", file("{\"\":{\"dtype\":\"U8\",\"shape\":[],\"data_offsets\":[0,1]}}", 1));
        bad.forEach((fragment, bytes) -> Allocations.refusedWithin(() -> Safetensors.parse(bytes, "f.st"),
                "f.st: not a valid safetensors file", fragment));
        // Out of header order but tiling: accepted.
        assertEquals(List.of("b", "a"), List.copyOf(Safetensors.parse(file(String.format(two, 2, 4), 4), "f.st").tensors().keySet()));
    }
}
