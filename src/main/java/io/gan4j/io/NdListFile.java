package io.gan4j.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.gan4j.Gan4jException;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A strict reader of DJL's NDList files ({@code NDList.encode()}, what checkpoints hold). DJL's
 * own decoder trusts the file: a corrupt array length is allocated as it stands (up to 2 GB) and a
 * shape that disagrees with the data reaches native code. This one checks every count, shape and
 * length against the bytes really present, then builds the arrays; each problem is a one-line
 * {@link Gan4jException} naming the file.
 */
public final class NdListFile {

    private static final int MAX_DIMENSIONS = 64;

    private NdListFile() {}

    public static NDList decode(byte[] bytes, String name, NDManager manager) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        try {
            int count = in.getInt();
            // Each array takes at least 30 bytes, so a count beyond that is a lie.
            if (count < 0 || count > in.remaining() / 30) {
                throw bad(name, "claims " + Integer.toUnsignedString(count) + " arrays");
            }
            NDList list = new NDList(count);
            for (int i = 0; i < count; i++) {
                list.add(array(in, name, i, manager));
            }
            if (in.hasRemaining()) {
                throw bad(name, in.remaining() + " unexpected bytes after the last array");
            }
            return list;
        } catch (BufferUnderflowException e) {
            throw bad(name, "truncated");
        }
    }

    private static NDArray array(ByteBuffer in, String name, int index, NDManager manager) {
        String where = "array " + index;
        if (!"NDAR".equals(utf(in, name))) {
            throw bad(name, where + " has no NDAR magic");
        }
        int version = in.getInt();
        if (version != 3) {
            throw bad(name, where + " has encoding version " + version + " (gan4j writes 3)");
        }
        String arrayName = in.get() == 1 ? utf(in, name) : null;
        if (!"DENSE".equals(utf(in, name))) {
            throw bad(name, where + " is not dense");
        }
        String typeName = utf(in, name);
        Tensor.Dtype dtype;
        try {
            dtype = Tensor.Dtype.of(DataType.valueOf(typeName));
        } catch (IllegalArgumentException e) {
            dtype = null;
        }
        if (dtype == null) {
            throw bad(name, where + " has unsupported data type '" + typeName + "'");
        }
        int dims = in.getInt();
        if (dims < 0 || dims > MAX_DIMENSIONS) {
            throw bad(name, where + " has " + dims + " dimensions");
        }
        long[] shape = new long[dims];
        for (int d = 0; d < dims; d++) {
            shape[d] = in.getLong();
        }
        int layout = in.getInt();
        if (layout < 0 || layout > in.remaining() / 2) {
            throw bad(name, where + " has a layout of " + layout + " entries");
        }
        in.position(in.position() + 2 * layout);
        byte order = in.get();
        int length = in.getInt();
        long elements = Tensor.elements(shape);
        if (length < 0 || length > in.remaining() || elements < 0 || elements * dtype.size != length) {
            throw bad(name, where + " shape " + java.util.Arrays.toString(shape) + " of " + typeName + " does not match its "
                    + Integer.toUnsignedString(length) + " data bytes (" + in.remaining() + " left in the file)");
        }
        ByteBuffer data = in.slice().limit(length).order(order == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        in.position(in.position() + length);
        ByteBuffer little = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        Tensor.copyElements(data, little, dtype.size);
        NDArray array = new Tensor(dtype, shape, little.array()).toNDArray(manager);
        array.setName(arrayName);
        return array;
    }

    /** Java's modified UTF-8 as DataOutputStream.writeUTF writes it: a 2-byte length, then the bytes. */
    private static String utf(ByteBuffer in, String name) {
        int length = Short.toUnsignedInt(in.getShort());
        if (length > in.remaining()) {
            throw bad(name, "truncated inside a string");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Gan4jException bad(String name, String problem) {
        return new Gan4jException(name + ": not a readable parameter file (" + problem + ")");
    }
}
