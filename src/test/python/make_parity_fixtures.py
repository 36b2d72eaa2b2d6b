"""Writes PyTorch reference numbers for io.gan4j.models.ParityTest: the reference models of
bench/pytorch/models.py (acgan and mlp), one training iteration each.

Run from the repository root: python3 src/test/python/make_parity_fixtures.py
(Debian: apt-get install python3-torch; the safetensors package is not needed, the format is
written by hand.) Each fixture, src/test/resources/io/gan4j/parity/MODEL.safetensors.gz, holds:
  G.<state_dict name>, D.<state_dict name>   the initial weights (PyTorch's default init, rounded
                                             to multiples of 2^-10 so that the file compresses)
  inputs (z, labels, real images ...)        see each function
  outputs of the forward passes and both losses
  grad.G.*, grad.D.*                         gradients of the generator / discriminator loss
  after.G.*, after.D.*                       weights after one Adam step (lr 2e-4, betas 0.5/0.999),
                                             and BatchNorm running statistics as of that step
Gradients and updated weights of tensors over 4096 values are stored at every k-th flat index,
k = ceil(n / 4096) (SAMPLE below), to keep the fixtures small.
The iteration is MODELS.md's: D step (fakes detached), Adam on D, then G step through the updated
D, Adam on G. acgan runs in training mode (BatchNorm batch statistics; it has no dropout); the
mlp runs in eval mode, i.e. with dropout off, since dropout's random masks cannot match.
"""
import gzip
import json
import math
import os
import struct
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "bench", "pytorch"))
import models  # noqa: E402  (the reference models)

OUT_DIR = os.path.join("src", "test", "resources", "io", "gan4j", "parity")
SAMPLE = 4096
B = 8
LR, BETAS = 2e-4, (0.5, 0.999)
DTYPES = {torch.float32: "F32", torch.int64: "I64"}


def write(name, tensors):
    header, data, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for key, t in tensors.items():
        t = t.detach().contiguous()
        raw = t.numpy().astype(t.numpy().dtype.newbyteorder("<")).tobytes()
        header[key] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        data.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(os.path.join(OUT_DIR, name + ".safetensors.gz"), "wb") as raw_file:
        with gzip.GzipFile(fileobj=raw_file, mode="wb", mtime=0) as f:  # mtime 0: reruns give identical files
            f.write(struct.pack("<Q", len(text)) + text + b"".join(data))


def sample(t):
    flat = t.detach().flatten()
    if flat.numel() <= SAMPLE:
        return t.detach().clone()
    return flat[:: math.ceil(flat.numel() / SAMPLE)].clone()


def quantize(module):
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(torch.round(p * 1024) / 1024)


def state(prefix, module):
    return {prefix + k: v.clone() for k, v in module.state_dict().items()}


def grads(prefix, module):
    return {prefix + n: sample(p.grad) for n, p in module.named_parameters()}


def after(prefix, module):
    out = {prefix + n: sample(p) for n, p in module.named_parameters()}
    out.update({prefix + n: b.clone() for n, b in module.named_buffers() if "running" in n})
    return out


def acgan():
    torch.manual_seed(0)
    G, D = models.ACGenerator(), models.ACDiscriminator()
    quantize(G)
    quantize(D)
    t = {**state("G.", G), **state("D.", D)}
    oG = torch.optim.Adam(G.parameters(), LR, betas=BETAS)
    oD = torch.optim.Adam(D.parameters(), LR, betas=BETAS)
    z = torch.randn(B, models.LATENT)
    gen_labels = torch.randint(0, models.NCLS, (B,))
    real = torch.rand(B, 1, 28, 28) * 2 - 1
    real_labels = torch.randint(0, models.NCLS, (B,))
    gen_labels2 = torch.randint(0, models.NCLS, (B,))
    t.update(z=z, gen_labels=gen_labels, real=real, real_labels=real_labels, gen_labels2=gen_labels2)
    # D step
    fake = G(z, gen_labels).detach()
    rf_r, cl_r = D(real, real_labels)
    rf_f, cl_f = D(fake, gen_labels)
    d_loss = 0.5 * (F.binary_cross_entropy_with_logits(rf_r, torch.ones(B)) + F.cross_entropy(cl_r, real_labels)
                    + F.binary_cross_entropy_with_logits(rf_f, torch.zeros(B)) + F.cross_entropy(cl_f, gen_labels))
    oD.zero_grad()
    d_loss.backward()
    t.update(fake=fake, d_real_rf=rf_r, d_real_cls=cl_r, d_loss=d_loss, **grads("grad.D.", D))
    oD.step()
    t.update(**after("after.D.", D))  # D's running statistics as of its own step
    # G step, through the updated D
    fake2 = G(z, gen_labels2)
    rf, cl = D(fake2, gen_labels2)
    g_loss = F.binary_cross_entropy_with_logits(rf, torch.ones(B)) + F.cross_entropy(cl, gen_labels2)
    oG.zero_grad()
    g_loss.backward()
    t.update(g_loss=g_loss, **grads("grad.G.", G))
    oG.step()
    t.update(**after("after.G.", G))
    write("acgan", t)


def mlp():
    torch.manual_seed(1)
    gan = models.MLPGAN(B=B)
    G, D = gan.G.eval(), gan.D.eval()  # eval: dropout off, see above
    quantize(G)
    quantize(D)
    t = {**state("G.", G), **state("D.", D)}
    oG = torch.optim.Adam(G.parameters(), LR, betas=BETAS)
    oD = torch.optim.Adam(D.parameters(), LR, betas=BETAS)
    z, z2 = torch.randn(B, models.LATENT), torch.randn(B, models.LATENT)
    real = torch.rand(B, 784) * 2 - 1
    t.update(z=z, z2=z2, real=real)
    fake = G(z).detach()
    d_real = D(real)
    d_loss = (F.binary_cross_entropy_with_logits(d_real.squeeze(1), torch.ones(B))
              + F.binary_cross_entropy_with_logits(D(fake).squeeze(1), torch.zeros(B)))
    oD.zero_grad()
    d_loss.backward()
    t.update(fake=fake, d_real=d_real, d_loss=d_loss, **grads("grad.D.", D))
    oD.step()
    t.update(**after("after.D.", D))
    g_loss = F.binary_cross_entropy_with_logits(D(G(z2)).squeeze(1), torch.ones(B))
    oG.zero_grad()
    g_loss.backward()
    t.update(g_loss=g_loss, **grads("grad.G.", G))
    oG.step()
    t.update(**after("after.G.", G))
    write("mlp", t)


if __name__ == "__main__":
    torch.set_num_threads(1)
    os.makedirs(OUT_DIR, exist_ok=True)
    acgan()
    mlp()
