"""Writes PyTorch reference numbers for the io.gan4j.layers tests.

Run from the repository root: python3 src/test/python/make_layer_fixtures.py
Each fixture is a JSON object: the layer's "config" and named "tensors" {"shape": [...],
"data": [...]} (float32 values, int64 for indices); the loss is (output * r).sum() so every
gradient is non-trivial. Needs PyTorch (Debian: apt-get install python3-torch).
"""
import json
import os

import torch

OUT_DIR = os.path.join("src", "test", "resources", "io", "gan4j", "layers")

# (in, out, kernel, stride, padding, output_padding, bias); inputs are [2, in, 4, 3]
# (non-square, to catch height/width mix-ups).
CONV_T_CONFIGS = [
    (3, 5, 4, 2, 1, 0, True),  # the DCGAN case
    (4, 2, 3, 1, 1, 0, True),
    (2, 3, 5, 2, 2, 0, True),
    (3, 2, 4, 2, 0, 0, True),
    (2, 3, 3, 2, 1, 1, True),  # output_padding
    (3, 2, 4, 2, 1, 0, False),  # the DCGAN case without bias
    (2, 2, 2, 2, 2, 0, True),  # padding > kernel - 1
]


def tensor(t):
    values = t.detach().flatten().tolist()
    if t.dtype.is_floating_point:
        values = [float("%.9g" % v) for v in values]
    return {"shape": list(t.shape), "data": values}


def write(name, config, tensors):
    path = os.path.join(OUT_DIR, name + ".json")
    with open(path, "w") as f:
        json.dump({"config": config, "tensors": {k: tensor(v) for k, v in tensors.items()}},
                  f, separators=(",", ":"))


def conv_transpose_fixture(index, cin, cout, k, s, p, op, bias):
    torch.manual_seed(1000 + index)
    layer = torch.nn.ConvTranspose2d(cin, cout, k, stride=s, padding=p,
                                     output_padding=op, bias=bias)
    x = torch.randn(2, cin, 4, 3, requires_grad=True)
    y = layer(x)
    r = torch.randn_like(y)
    (y * r).sum().backward()
    tensors = {"input": x, "weight": layer.weight, "output": y, "r": r,
               "inputGrad": x.grad, "weightGrad": layer.weight.grad}
    if bias:
        tensors["bias"] = layer.bias
        tensors["biasGrad"] = layer.bias.grad
    config = {"in": cin, "out": cout, "kernel": k, "stride": s, "padding": p,
              "outputPadding": op, "bias": bias}
    write("conv_transpose_%d" % index, config, tensors)


def embedding_fixture():
    torch.manual_seed(7)
    layer = torch.nn.Embedding(10, 6)
    indices = torch.tensor([3, 0, 9, 3, 5], dtype=torch.int64)  # repeated 3: gradients add up
    y = layer(indices)
    r = torch.randn_like(y)
    (y * r).sum().backward()
    tensors = {"indices": indices, "weight": layer.weight, "output": y, "r": r,
               "weightGrad": layer.weight.grad}
    write("embedding", {"numClasses": 10, "dim": 6}, tensors)


def weight_norm_fixture():
    torch.manual_seed(11)
    layer = torch.nn.utils.weight_norm(torch.nn.Linear(5, 4), dim=0)
    with torch.no_grad():
        layer.weight_g.copy_(torch.randn(4, 1))  # gains other than the norms, so g's gradient matters
        layer.bias.copy_(torch.randn(4))
    x = torch.randn(3, 5, requires_grad=True)
    y = layer(x)
    r = torch.randn_like(y)
    (y * r).sum().backward()
    tensors = {"input": x, "v": layer.weight_v, "g": layer.weight_g.flatten(), "bias": layer.bias,
               "output": y, "r": r, "inputGrad": x.grad, "vGrad": layer.weight_v.grad,
               "gGrad": layer.weight_g.grad.flatten(), "biasGrad": layer.bias.grad}
    write("weight_norm_linear", {"in": 5, "out": 4}, tensors)


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for i, config in enumerate(CONV_T_CONFIGS):
        conv_transpose_fixture(i, *config)
    embedding_fixture()
    weight_norm_fixture()


if __name__ == "__main__":
    main()
