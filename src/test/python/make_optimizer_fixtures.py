"""Writes PyTorch reference numbers for io.gan4j.training.OptimizerParityTest.

Run from the repository root: /usr/bin/python3 src/test/python/make_optimizer_fixtures.py
For each optimizer, a Linear(3, 2) takes STEPS steps on loss = sum(tanh(x_t W^T + b) * r_t)
(fixed random inputs per step, so every gradient depends on the weights); the learning rate is
multiplied by a schedule factor per step, as gan4j's --lr-decay does. The fixture holds the initial
weights, the inputs, the factors and the weights after every step, as JSON. Needs PyTorch
(Debian: apt-get install python3-torch).
"""
import json
import os

import torch

OUT = os.path.join("src", "test", "resources", "io", "gan4j", "training", "optimizers.json")
STEPS = 6
FACTORS = [1.0, 1.0, 1.0, 0.5, 0.5, 0.25]

CASES = {
    "adam": lambda p: torch.optim.Adam(p, lr=0.05, betas=(0.5, 0.999)),
    "sgd": lambda p: torch.optim.SGD(p, lr=0.1),
    "sgd-momentum": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9),
    "rmsprop": lambda p: torch.optim.RMSprop(p, lr=0.01),
}


def values(t):
    return [float("%.9g" % v) for v in t.detach().flatten().tolist()]


def case(name, make):
    torch.manual_seed(24)
    layer = torch.nn.Linear(3, 2)
    optimizer = make(layer.parameters())
    base_lr = optimizer.param_groups[0]["lr"]
    out = {"lr": base_lr, "factors": FACTORS, "weight": values(layer.weight), "bias": values(layer.bias),
           "inputs": [], "r": [], "weights": [], "biases": []}
    for step in range(STEPS):
        x = torch.randn(4, 3)
        r = torch.randn(4, 2)
        optimizer.param_groups[0]["lr"] = base_lr * FACTORS[step]
        optimizer.zero_grad()
        (torch.tanh(layer(x)) * r).sum().backward()
        optimizer.step()
        out["inputs"].append(values(x))
        out["r"].append(values(r))
        out["weights"].append(values(layer.weight))
        out["biases"].append(values(layer.bias))
    return out


def main():
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump({name: case(name, make) for name, make in CASES.items()}, f, separators=(",", ":"))
    print("wrote", OUT)


if __name__ == "__main__":
    main()
