"""Loads a generator written by `gan4j export` into PyTorch's reference model and samples from it.

Run from the repository root with Debian's python3-torch (no safetensors package needed):
  /usr/bin/python3 src/test/python/check_export.py acgan G.safetensors OUT_DIR
load_state_dict is strict, so a missing, extra or misshapen tensor fails here. Writes 1000 samples
(acgan: 100 per class) as OUT_DIR/images-idx3-ubyte (+ labels-idx1-ubyte), uint8, the layout of
`gan4j sample --format idx`, for any IDX-reading judge, and the model's own state_dict() back as
OUT_DIR/torch-G.safetensors (the file PyTorch writes, for `gan4j sample --weights`).
"""
import json
import os
import struct
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "bench", "pytorch"))
import models  # noqa: E402

DTYPES = {"F32": np.float32, "I64": np.int64}
sys.path.insert(0, os.path.dirname(__file__))
from train_reference import save_safetensors  # noqa: E402


def load_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    body = data[8 + n:]
    out = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        array = np.frombuffer(body[begin:end], dtype=np.dtype(DTYPES[entry["dtype"]]).newbyteorder("<"))
        out[name] = torch.from_numpy(array.astype(DTYPES[entry["dtype"]]).reshape(entry["shape"]))
    return out


def main(model, weights, out_dir):
    torch.manual_seed(0)
    if model == "acgan":
        G = models.ACGenerator()
    else:
        G = models._mlp([models.LATENT, 256, 256, 256, 784], torch.nn.Tanh())
    G.load_state_dict(load_safetensors(weights))  # strict
    G.eval()
    labels = torch.arange(1000) % models.NCLS
    with torch.no_grad():
        z = torch.randn(1000, models.LATENT)
        x = G(z, labels) if model == "acgan" else G(z)
    pixels = ((x.reshape(1000, 784).clamp(-1, 1) + 1) / 2 * 255).round().to(torch.uint8).numpy()
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "images-idx3-ubyte"), "wb") as f:
        f.write(struct.pack(">IIII", 0x803, 1000, 28, 28) + pixels.tobytes())
    if model == "acgan":
        with open(os.path.join(out_dir, "labels-idx1-ubyte"), "wb") as f:
            f.write(struct.pack(">II", 0x801, 1000) + labels.to(torch.uint8).numpy().tobytes())
    save_safetensors(os.path.join(out_dir, "torch-G.safetensors"), G.state_dict())
    print("loaded %s into PyTorch's reference %s generator (strict); wrote 1000 samples to %s" % (weights, model, out_dir))


if __name__ == "__main__":
    main(*sys.argv[1:4])
