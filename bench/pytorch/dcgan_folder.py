"""PyTorch side of the image-folder side-by-side (docs/images.md): pytorch/examples dcgan's networks
and loop, trained on the same decoded pixels as `gan4j train dcgan --data DIR --image-size S`, then
1,000 samples written as PNG files for `gan4j eval --images` to score with gan4j's classifier.

The pixels are gan4j's own decode of the folder (DIR/.gan4j-cache, written by any gan4j command on
that folder at that size), split by the same path hash, so that both sides train on identical
images and only the training code differs. The loop is the example's, with gan4j's one documented
departure (docs/images.md): D's loss is the mean of its real and fake terms. G's step scores the D
step's fakes again, as the example and gan4j's dcgan recipe do; --fresh-noise draws new noise for it
instead, as `gan4j train dcgan --reuse-fakes false`. Everything else is the example's: batch 64,
Adam(2e-4, betas 0.5/0.999), BCE on logits, weights N(0, 0.02), BatchNorm scales N(1, 0.02), a
shuffled pass over the data per epoch, the last partial batch dropped.

    /usr/bin/python3 bench/pytorch/dcgan_folder.py --data data/emoji-64 --image-size 32 --seed 1 \
        --steps 650 --out runs/torch-dcgan32/seed-1
"""
import argparse
import glob
import json
import math
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

LATENT = 100
BASE = 64


def java_hash(s):
    """Java's String.hashCode (UTF-16 code units), as a signed 64-bit value of the int."""
    h = 0
    for unit in s.encode('utf-16-be').hex(' ', 2).split():
        h = (31 * h + int(unit, 16)) & 0xFFFFFFFF
    return h - (1 << 32) if h >= 1 << 31 else h


def held_out(relative, holdout):
    """gan4j's ImageFolder.heldOut: a SplitMix64 finaliser of the path's hash, below the share."""
    m = (1 << 64) - 1
    z = (java_hash(relative) * 0x9E3779B97F4A7C15) & m
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & m
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & m
    z ^= z >> 31
    return (z >> 11) * 2.0 ** -53 < holdout


def training_pixels(data, size, holdout):
    """The training split of gan4j's decoded cache of `data` at `size`: uint8 [N, C, S, S]."""
    for index_file in sorted(glob.glob(os.path.join(data, '.gan4j-cache', '*.json'))):
        with open(index_file) as f:
            index = json.load(f)
        if index['size'] != size:
            continue
        c = index['channels']
        pixels = np.fromfile(index_file[:-len('.json')] + '.u8', dtype=np.uint8).reshape(-1, c, size, size)
        keep = [i for i, name in enumerate(index['files']) if not held_out(name, holdout)]
        return pixels[keep]
    raise SystemExit(f'{data}: no gan4j cache at size {size}; run a gan4j command on it first '
                     f'(e.g. gan4j classifier train --data {data} --image-size {size})')


class Generator(nn.Module):
    """pytorch/examples' G for size = 4·2^n: z as 1×1 → 4×4 with 64·2^(n−1) maps → … → C×S×S."""

    def __init__(self, channels, size):
        super().__init__()
        n = int(math.log2(size // 4))
        f = BASE << (n - 1)
        layers = [nn.ConvTranspose2d(LATENT, f, 4, 1, 0, bias=False), nn.BatchNorm2d(f), nn.ReLU(True)]
        for _ in range(1, n):
            layers += [nn.ConvTranspose2d(f, f // 2, 4, 2, 1, bias=False), nn.BatchNorm2d(f // 2), nn.ReLU(True)]
            f //= 2
        layers += [nn.ConvTranspose2d(f, channels, 4, 2, 1, bias=False), nn.Tanh()]
        self.net = nn.Sequential(*layers)

    def forward(self, z):
        return self.net(z[:, :, None, None])


class Discriminator(nn.Module):
    """pytorch/examples' D: C×S×S → 64 maps at S/2 → … → 64·2^(n−1) at 4×4 → one logit."""

    def __init__(self, channels, size):
        super().__init__()
        n = int(math.log2(size // 4))
        layers = [nn.Conv2d(channels, BASE, 4, 2, 1, bias=False), nn.LeakyReLU(0.2, True)]
        f = BASE
        for _ in range(1, n):
            layers += [nn.Conv2d(f, 2 * f, 4, 2, 1, bias=False), nn.BatchNorm2d(2 * f), nn.LeakyReLU(0.2, True)]
            f *= 2
        layers += [nn.Conv2d(f, 1, 4, 1, 0, bias=False)]
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x).view(-1)


def init_weights(m):
    if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
        nn.init.normal_(m.weight, 0.0, 0.02)
    elif isinstance(m, nn.BatchNorm2d):
        nn.init.normal_(m.weight, 1.0, 0.02)
        nn.init.zeros_(m.bias)


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('--data', required=True)
    p.add_argument('--image-size', type=int, default=32)
    p.add_argument('--holdout', type=float, default=0.1)
    p.add_argument('--seed', type=int, default=1)
    p.add_argument('--steps', type=int, required=True)
    p.add_argument('--batch-size', type=int, default=64)
    p.add_argument('--threads', type=int, default=1)
    p.add_argument('--samples', type=int, default=1000)
    p.add_argument('--out', required=True)
    p.add_argument('--fresh-noise', action='store_true', help="G's step on new noise (gan4j's --reuse-fakes false)")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    pixels = torch.from_numpy(training_pixels(a.data, a.image_size, a.holdout))
    channels = pixels.shape[1]
    g, d = Generator(channels, a.image_size), Discriminator(channels, a.image_size)
    g.apply(init_weights)
    d.apply(init_weights)
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    per_epoch = len(pixels) // a.batch_size
    order, step = None, 0
    os.makedirs(a.out, exist_ok=True)
    log = open(os.path.join(a.out, 'losses.csv'), 'w')
    log.write('step,d_loss,g_loss\n')
    while step < a.steps:
        if step % per_epoch == 0:
            order = torch.randperm(len(pixels))
        i = step % per_epoch
        real = pixels[order[i * a.batch_size:(i + 1) * a.batch_size]].float() / 127.5 - 1
        b = len(real)
        # D: the mean of BCE(D(real), 1) and BCE(D(G(z)), 0), fakes detached
        fake = g(torch.randn(b, LATENT))
        d_loss = 0.5 * (F.binary_cross_entropy_with_logits(d(real), torch.ones(b))
                        + F.binary_cross_entropy_with_logits(d(fake.detach()), torch.zeros(b)))
        opt_d.zero_grad()
        d_loss.backward()
        opt_d.step()
        # G: non-saturating BCE(D(G(z)), 1) on the same fakes, or on new noise
        if a.fresh_noise:
            fake = g(torch.randn(b, LATENT))
        g_loss = F.binary_cross_entropy_with_logits(d(fake), torch.ones(b))
        opt_g.zero_grad()
        g_loss.backward()
        opt_g.step()
        step += 1
        if step % 10 == 0:
            log.write(f'{step},{d_loss.item():.5f},{g_loss.item():.5f}\n')
    log.close()
    # Samples in inference mode (BatchNorm's running statistics), as gan4j's eval draws them.
    g.eval()
    samples = os.path.join(a.out, 'samples')
    os.makedirs(samples, exist_ok=True)
    with torch.no_grad():
        x = g(torch.randn(a.samples, LATENT))
    x = ((x.clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8).permute(0, 2, 3, 1).numpy()
    for k, image in enumerate(x):
        Image.fromarray(image if channels == 3 else image[:, :, 0]).save(os.path.join(samples, f'{k:04d}.png'))
    print(f'{a.steps} steps on {len(pixels)} images; {a.samples} samples in {samples}')


if __name__ == '__main__':
    main()
