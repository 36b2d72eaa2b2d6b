"""Trains PyTorch's reference ACGAN (bench/pytorch/models.py, the MODELS.md iteration)
on gan4j's embedded digits and writes its generator as safetensors, for
`gan4j sample --weights G.safetensors --model acgan` (the PyTorch -> gan4j direction).

  /usr/bin/python3 src/test/python/train_reference.py STEPS G.safetensors
Images scaled to [-1, 1] like gan4j's; batch 64, seed 0, one thread.
"""
import gzip
import json
import os
import struct
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "bench", "pytorch"))
import models  # noqa: E402

DATA = os.path.join("src", "main", "resources", "io", "gan4j", "data", "mnist-10k")


def idx(name):
    with gzip.open(os.path.join(DATA, name), "rb") as f:
        data = f.read()
    magic = struct.unpack(">I", data[:4])[0]
    dims = struct.unpack(">" + "I" * (magic & 0xFF), data[4:4 + 4 * (magic & 0xFF)])
    return np.frombuffer(data[4 + 4 * len(dims):], dtype=np.uint8).reshape(dims)


def save_safetensors(path, state):
    header, chunks, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name, t in state.items():
        raw = t.detach().contiguous().numpy().tobytes()
        header[name] = {"dtype": {torch.float32: "F32", torch.int64: "I64"}[t.dtype], "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(chunks))


def main(steps, out):
    torch.manual_seed(0)
    torch.set_num_threads(1)
    images = torch.from_numpy(idx("train-images-idx3-ubyte.gz").astype(np.float32) / 127.5 - 1).unsqueeze(1)
    labels = torch.from_numpy(idx("train-labels-idx1-ubyte.gz").astype(np.int64))
    gan = models.ACGAN(B=64)
    perm = torch.randperm(len(images))
    for step in range(steps):
        at = (step * 64) % (len(images) - 63)
        if at < 64:
            perm = torch.randperm(len(images))
        batch = perm[at:at + 64]
        d, g = gan.step(images[batch], labels[batch])
        if step % 200 == 0:
            print("step %d d_loss %.4f g_loss %.4f" % (step, d, g), flush=True)
    save_safetensors(out, gan.G.state_dict())
    print("wrote", out)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
