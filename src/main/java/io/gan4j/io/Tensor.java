package io.gan4j.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An array read from or written to a file, outside any engine: element type, shape and the raw
 * little-endian bytes. The readers build these only after checking that the bytes match the shape,
 * so turning one into an {@link NDArray} cannot read past its data.
 */
public record Tensor(Dtype dtype, long[] shape, byte[] data) {

    /** The element types the readers accept, with safetensors' names and DJL's types. */
    public enum Dtype {
        F64(8, DataType.FLOAT64), F32(4, DataType.FLOAT32), F16(2, DataType.FLOAT16),
        I64(8, DataType.INT64), I32(4, DataType.INT32), I8(1, DataType.INT8), U8(1, DataType.UINT8),
        BOOL(1, DataType.BOOLEAN);

        final int size;
        final DataType djl;

        Dtype(int size, DataType djl) {
            this.size = size;
            this.djl = djl;
        }

        static Dtype of(DataType type) {
            for (Dtype d : values()) {
                if (d.djl == type) {
                    return d;
                }
            }
            return null;
        }
    }

    public static Tensor of(NDArray array) {
        Dtype dtype = Dtype.of(array.getDataType());
        if (dtype == null) {
            throw new IllegalArgumentException("no file type for " + array.getDataType());
        }
        ByteBuffer bytes = array.toByteBuffer().order(ByteOrder.nativeOrder());
        ByteBuffer out = ByteBuffer.allocate(bytes.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        copyElements(bytes, out, dtype.size);
        return new Tensor(dtype, array.getShape().getShape(), out.array());
    }

    public static Tensor scalarI64(long value) {
        return new Tensor(Dtype.I64, new long[0],
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
    }

    public NDArray toNDArray(NDManager manager) {
        ByteBuffer buffer = manager.allocateDirect(data.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(data).rewind();
        return manager.create(buffer, new Shape(shape), dtype.djl);
    }

    /**
     * The number of elements a shape holds, or -1 for a shape no array can have: a negative or
     * overflowing size, or a dimension beyond a Java array's length (DJL indexes with ints; a
     * fuzzed [2^36, 0] once passed as "empty" and overflowed inside the engine).
     */
    static long elements(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0 || d > Integer.MAX_VALUE - 8) {
                return -1;
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                return -1;
            }
        }
        return n;
    }

    /** Copies elements of {@code size} bytes between buffers of possibly different byte orders. */
    static void copyElements(ByteBuffer from, ByteBuffer to, int size) {
        while (from.remaining() >= size) {
            switch (size) {
                case 8 -> to.putLong(from.getLong());
                case 4 -> to.putInt(from.getInt());
                case 2 -> to.putShort(from.getShort());
                default -> to.put(from.get());
            }
        }
    }

    public String shapeText() {
        return new Shape(shape).toString();
    }
}
