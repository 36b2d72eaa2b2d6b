"""Writes the PyTorch reference numbers of io.gan4j.training.ParityTest: one training step (the
discriminator update(s), then the generator update) of each of gan4j's nine models, written here
from the papers and tutorials gan4j follows, in plain PyTorch.

Run from the repository root with Debian's PyTorch (apt-get install python3-torch):
    /usr/bin/python3 src/test/python/make_parity_fixtures.py [MODEL ...]
No model named: all of them. Each fixture, src/test/resources/io/gan4j/parity/MODEL.safetensors.gz, holds:
  real.K, labels.K        the real batch of discriminator update K
  draw.NNN                every random draw of the step, in the order the step makes it (noise,
                          fake labels, codes, dropout keep masks, Gaussian layer noise, the gradient
                          penalty's factors); the Java test hands them to gan4j through io.gan4j.training.Draws
  d_loss, g_loss          the last discriminator update's loss (the mean of its losses where D makes
                          several updates on one batch, as pattern's) and the generator's
  after.NET.I             parameter I of network NET (G, D, Q) after the step, BatchNorm running
                          statistics included, in gan4j's parameter order
  m.NET.J, v.NET.J        Adam's moments of trainable parameter J after the step (none for SGD)
Tensors over SAMPLE values are kept at every k-th flat index, k = ceil(n / SAMPLE).

The initial weights are not stored: both sides compute them from init_value() below (exact in
float32), in gan4j's parameter order, which ordered() reproduces from the modules' registration order.

Two choices of gan4j are reproduced here, and documented in docs/testing.md: the discriminator's
loss of the binary GANs (and AC-GAN, pix2pix) is the mean of its real and fake terms, 0.5·(real +
fake), where some tutorials sum them; and the generator update scores the discriminator update's
fakes again in dcgan (its recipe's reuse-fakes, pytorch/examples' loop: G runs forward once per step),
while the others draw new noise (and labels).
"""
import gzip
import json
import math
import os
import struct
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

OUT_DIR = os.path.join("src", "test", "resources", "io", "gan4j", "parity")
SAMPLE = 1024
B = 4
DTYPES = {torch.float32: "F32", torch.int64: "I64"}


# ---------------------------------------------------------------- fixture file

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


# ---------------------------------------------------------------- weights in gan4j's order

def ordered(module):
    """(name, tensor, kind) in gan4j's parameter order: modules in registration order, each one's
    parameters then its running statistics (BatchNorm's gamma, beta, runningMean, runningVar)."""
    out = []
    for prefix, m in module.named_modules():
        for n, p in m.named_parameters(recurse=False):
            normalises = isinstance(m, (nn.modules.batchnorm._BatchNorm, nn.LayerNorm))
            kind = "scale" if n == "g" or (normalises and n == "weight") else "weight"
            if kind == "scale" and not p.requires_grad and n == "weight":
                kind = "one"
            out.append((prefix + "." + n, p, kind))
        for n in ("running_mean", "running_var"):
            if n in dict(m.named_buffers(recurse=False)):
                out.append((prefix + "." + n, getattr(m, n), "mean" if n == "running_mean" else "var"))
    return out


def init_value(index, shape, kind):
    """Parameter `index`'s initial values: a mixing hash of the flat position, u in [-0.5, 0.5),
    scaled by 2^-floor(floor(log2(fan_in))/2) (1/16 for vectors); scales 1 + u/4; running mean 0, variance 1."""
    n = int(np.prod(shape))
    if kind == "mean":
        return torch.zeros(shape)
    if kind in ("var", "one"):
        return torch.ones(shape)
    with np.errstate(over="ignore"):  # uint64 arithmetic wraps, as Java's long does
        h = np.arange(n, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15) + np.uint64(index + 1)
        h ^= h >> np.uint64(31)
        h *= np.uint64(0xBF58476D1CE4E5B9)
        h ^= h >> np.uint64(29)
    u = ((h >> np.uint64(48)).astype(np.float32) - 32768) / 65536
    if kind == "scale":
        values = 1 + u / 4
    else:
        fan_in = n // shape[0] if len(shape) > 1 else 256
        values = u * 2.0 ** -((fan_in.bit_length() - 1) // 2)
    return torch.from_numpy(values.astype(np.float32)).reshape(shape)


def initialise(module):
    with torch.no_grad():
        for k, (_, t, kind) in enumerate(ordered(module)):
            t.copy_(init_value(k, tuple(t.shape), kind))
    return module


def adam(module, lr, betas):
    return torch.optim.Adam([p for _, p, _ in ordered(module) if isinstance(p, nn.Parameter) and p.requires_grad],
                            lr, betas=betas, eps=1e-8)


def sgd(module, lr):
    return torch.optim.SGD([p for _, p, _ in ordered(module) if isinstance(p, nn.Parameter) and p.requires_grad], lr)


def results(t, nets, optimizers):
    for net_name, net in nets.items():
        for k, (_, p, _) in enumerate(ordered(net)):
            t["after.%s.%d" % (net_name, k)] = sample(p)
        optimizer = optimizers[net_name]
        if not isinstance(optimizer, torch.optim.Adam):
            continue  # plain SGD keeps no moments
        for j, p in enumerate(optimizer.param_groups[0]["params"]):
            t["m.%s.%d" % (net_name, j)] = sample(optimizer.state[p]["exp_avg"])
            t["v.%s.%d" % (net_name, j)] = sample(optimizer.state[p]["exp_avg_sq"])


# ---------------------------------------------------------------- the step's random draws

class Draws:
    """Every random draw of the step, recorded in order (the Java side replays them)."""

    def __init__(self, seed, perturbation):
        torch.manual_seed(seed)
        self.made = []
        self.perturbation = perturbation

    def _keep(self, t):
        self.made.append(t)
        return t

    def normal(self, shape, std=1.0):
        return self._keep(torch.randn(shape) * std * (1 + self.perturbation))

    def uniform(self, shape, low, high):
        return self._keep(torch.rand(shape) * (high - low) + low)

    def integers(self, shape, high):
        return self._keep(torch.randint(0, high, shape))

    def keep_mask(self, shape, rate):
        return self._keep((torch.rand(shape) >= rate).float() / (1 - rate))

    def store(self, t):
        for i, d in enumerate(self.made):
            t["draw.%03d" % i] = d


DRAWS = None  # the current step's; layers below draw from it


class Dropout(nn.Module):
    def __init__(self, rate):
        super().__init__()
        self.rate = rate

    def forward(self, x):
        return x * DRAWS.keep_mask(tuple(x.shape), self.rate)


class GaussianNoise(nn.Module):
    def __init__(self, sigma):
        super().__init__()
        self.sigma = sigma

    def forward(self, x):
        return x + DRAWS.normal(tuple(x.shape), self.sigma)


# ---------------------------------------------------------------- networks (the papers, seed 000's AC-GAN)

class Generator28(nn.Module):
    """DCGAN-family generator for 28×28: FC 128·7·7 → BN → ReLU → ConvT 64 → BN → ReLU → ConvT C → tanh."""

    def __init__(self, inputs, channels=1):
        super().__init__()
        self.fc = nn.Linear(inputs, 128 * 7 * 7)
        self.bn0 = nn.BatchNorm1d(128 * 7 * 7)
        self.up1 = nn.ConvTranspose2d(128, 64, 4, 2, 1)
        self.bn1 = nn.BatchNorm2d(64)
        self.up2 = nn.ConvTranspose2d(64, channels, 4, 2, 1)

    def forward(self, x):
        x = F.relu(self.bn0(self.fc(x))).view(-1, 128, 7, 7)  # [B, 128, 7, 7]
        x = F.relu(self.bn1(self.up1(x)))  # [B, 64, 14, 14]
        return torch.tanh(self.up2(x))  # [B, C, 28, 28]


class Body28(nn.Module):
    """Conv 64 s2 → LReLU(0.2) → Conv 128 s2 → norm → LReLU(0.2) → flatten [B, 6272]."""

    def __init__(self, channels=1, layer_norm=False):
        super().__init__()
        self.c1 = nn.Conv2d(channels, 64, 4, 2, 1)
        self.c2 = nn.Conv2d(64, 128, 4, 2, 1)
        self.norm = nn.LayerNorm([128, 7, 7]) if layer_norm else nn.BatchNorm2d(128)

    def forward(self, x):
        x = F.leaky_relu(self.c1(x), 0.2)
        return F.leaky_relu(self.norm(self.c2(x)), 0.2).flatten(1)


class ConditionalGenerator(nn.Module):
    """z ⊕ Embedding(10, 10)(y) → Generator28 (seed 000's AC-GAN)."""

    def __init__(self, latent=100):
        super().__init__()
        self.emb = nn.Embedding(10, 10)
        self.body = Generator28(latent + 10)

    def forward(self, z, y):
        return self.body(torch.cat([z, self.emb(y)], 1))


class LabelChannelDiscriminator(nn.Module):
    """The label embedding as 10 extra image channels, Body28, linear heads (seed 000's AC-GAN)."""

    def __init__(self, heads):
        super().__init__()
        self.emb = nn.Embedding(10, 10)
        self.body = Body28(11)
        self.heads = nn.ModuleList([nn.Linear(6272, h) for h in heads])

    def forward(self, x, y):
        maps = self.emb(y)[:, :, None, None].expand(-1, -1, 28, 28)
        h = self.body(torch.cat([x, maps], 1))
        return [head(h) for head in self.heads]


class ProjectionDiscriminator(nn.Module):
    """Miyato & Koyama 2018: adv = w·φ(x) + b + e_y·φ(x); a class head on φ(x)."""

    def __init__(self):
        super().__init__()
        self.embedding = nn.Parameter(torch.zeros(10, 6272))
        self.body = Body28(1)
        self.adversarial = nn.Linear(6272, 1)
        self.classes = nn.Linear(6272, 10)

    def forward(self, x, y):
        h = self.body(x)
        return [self.adversarial(h) + (self.embedding[y] * h).sum(1, keepdim=True), self.classes(h)]


class WeightNormLinear(nn.Module):
    """Salimans & Kingma 2016: W_i = g_i · v_i / ‖v_i‖ (1e-6 under the root)."""

    def __init__(self, inputs, units, train_scale):
        super().__init__()
        self.v = nn.Parameter(torch.zeros(units, inputs))
        self.g = nn.Parameter(torch.ones(units), requires_grad=train_scale)
        self.b = nn.Parameter(torch.zeros(units))

    def forward(self, x):
        w = self.g[:, None] * self.v / (self.v.square().sum(1, keepdim=True) + 1e-6).sqrt()
        return F.linear(x, w, self.b)


def bce(logits, target):
    return F.binary_cross_entropy_with_logits(logits, torch.full_like(logits, target))


def step(fixture, nets, optimizers, d_loss_fns, g_loss_fn, batches, d_side, g_side):
    """gan4j's training step: per real batch a D update (the other networks frozen), or one after another
    for each of a list of D losses, each computed with the D the previous one left (the logged d_loss is
    their mean); then a G update on the last batch."""
    if not isinstance(d_loss_fns, list):
        d_loss_fns = [d_loss_fns]
    for k, (real, labels) in enumerate(batches):
        fixture["real.%d" % k] = real
        if labels is not None:
            fixture["labels.%d" % k] = labels
    for real, labels in batches:
        totals = []
        for d_loss_fn in d_loss_fns:
            for net in nets.values():
                net.zero_grad(set_to_none=True)
            loss = d_loss_fn(real, labels)
            loss.backward()
            for name in d_side:
                optimizers[name].step()
            totals.append(loss.detach())
        d_loss = torch.stack(totals).mean()
    for net in nets.values():
        net.zero_grad(set_to_none=True)
    for name, net in nets.items():
        if name not in g_side:
            net.requires_grad_(False)
    g_loss = g_loss_fn(*batches[-1])
    g_loss.backward()
    for name in g_side:
        optimizers[name].step()
    fixture.update(d_loss=d_loss.detach().reshape(()), g_loss=g_loss.detach().reshape(()))
    results(fixture, nets, optimizers)
    DRAWS.store(fixture)
    return fixture


def start(seed):
    global DRAWS
    DRAWS = Draws(seed, PERTURBATION)
    return {}


PERTURBATION = 0.0


def make(model, first_seed):
    """Writes the model's fixture from the first seed whose step is well-conditioned: with every
    normal draw scaled by 1 + 1e-7 (float32 rounding), no gradient (Adam's first moment) and neither
    loss may move by more than a fifth of the Java test's tolerance. With batches of 4, a BatchNorm
    feature of almost no variance or a ReLU at its kink can make a step's gradients depend on
    rounding; two exact implementations then differ, and no tolerance could tell them apart."""
    global PERTURBATION
    for seed in range(first_seed, first_seed + 50):
        PERTURBATION = 0.0
        fixture = MODELS[model](seed)
        PERTURBATION = 1e-7
        perturbed = MODELS[model](seed)
        PERTURBATION = 0.0
        worst = max(((fixture[k] - perturbed[k]).abs() / (1 + fixture[k].abs())).max().item()
                    for k in fixture if k.startswith("m.") or k.endswith("_loss"))
        print(model, "seed", seed, "worst relative change", worst, flush=True)
        if worst <= 2e-6:
            write(model, fixture)
            return
    raise SystemExit(model + ": no well-conditioned seed")


def images(n, channels=1, size=28):
    return torch.rand(n, channels, size, size) * 2 - 1


def labels_of(n):
    return torch.randint(0, 10, (n,))


# ---------------------------------------------------------------- the nine models

def pattern(seed):
    """Make Your First GAN With PyTorch: D 4-3-1 and G 1-3-4, sigmoids, MSE on D's probability; G
    fed the constant 0.5; one sample a step; both networks learn with plain SGD(0.01). As in the book's
    loop (D.train(real, 1.0); D.train(G.forward(0.5).detach(), 0.0); G.train(D, 0.5, 1.0)), D makes two
    updates on the same sample, the second with the weights the first left, then G makes one."""
    t = start(seed)
    G = initialise(nn.Sequential(nn.Linear(1, 3), nn.Sigmoid(), nn.Linear(3, 4), nn.Sigmoid()))
    D = initialise(nn.Sequential(nn.Linear(4, 3), nn.Sigmoid(), nn.Linear(3, 1)))
    nets = {"G": G, "D": D}
    opt = {"G": sgd(G, 0.01), "D": sgd(D, 0.01)}
    z = torch.full((1, 1), 0.5)
    mse = lambda logits, target: (torch.sigmoid(logits) - target).square().mean()
    real = torch.tensor([0.8, 0.0, 0.8, 0.0]) + torch.rand(1, 1, 1, 4) * 0.2
    d_real = lambda x, y: mse(D(x.flatten(1)), 1)
    d_fake = lambda x, y: mse(D(G(z).detach()), 0)
    g = lambda x, y: mse(D(G(z)), 1)
    return step(t, nets, opt, [d_real, d_fake], g, [(real, None)], ["D"], ["G"])


def vanilla(seed):
    """Goodfellow et al. 2014 with seed 001's MLPs: 256-256-256, LeakyReLU(0.2), Dropout(0.1), tanh;
    real and fake rows through D in one pass (D has no batch statistics)."""
    t = start(seed)

    def mlp(inputs, outputs, tanh):
        layers = []
        for w in (256, 256, 256):
            layers += [nn.Linear(inputs, w), nn.LeakyReLU(0.2), Dropout(0.1)]
            inputs = w
        return nn.Sequential(*layers, nn.Linear(inputs, outputs), *([nn.Tanh()] if tanh else []))

    G, D = initialise(mlp(100, 784, True)), initialise(mlp(784, 1, False))
    nets = {"G": G, "D": D}
    opt = {"G": adam(G, 2e-4, (0.5, 0.999)), "D": adam(D, 2e-4, (0.5, 0.999))}

    def d(x, y):
        fake = G(DRAWS.normal((B, 100))).detach()
        logits = D(torch.cat([x.flatten(1), fake], 0))
        return 0.5 * (bce(logits[:B], 1) + bce(logits[B:], 0))

    g = lambda x, y: bce(D(G(DRAWS.normal((B, 100)))), 1)
    return step(t, nets, opt, d, g, [(images(B), None)], ["D"], ["G"])


def dcgan(seed):
    """Radford et al. 2016 at 28×28 (Generator28, Body28 and a linear logit); BCE, D on the mean of its halves."""
    t = start(seed)
    G = initialise(Generator28(100))
    D = initialise(nn.Sequential(Body28(1), nn.Linear(6272, 1)))
    nets = {"G": G, "D": D}
    opt = {"G": adam(G, 2e-4, (0.5, 0.999)), "D": adam(D, 2e-4, (0.5, 0.999))}

    kept = {}

    def d(x, y):
        kept["fake"] = G(DRAWS.normal((B, 100)))
        return 0.5 * (bce(D(x), 1) + bce(D(kept["fake"].detach()), 0))

    g = lambda x, y: bce(D(kept["fake"]), 1)
    return step(t, nets, opt, d, g, [(images(B), None)], ["D"], ["G"])


def cgan(seed):
    """Mirza & Osindero 2014 on the DCGAN networks: both see the label (embedding), fakes get uniform labels."""
    t = start(seed)
    G, D = initialise(ConditionalGenerator()), initialise(LabelChannelDiscriminator([1]))
    nets = {"G": G, "D": D}
    opt = {"G": adam(G, 2e-4, (0.5, 0.999)), "D": adam(D, 2e-4, (0.5, 0.999))}

    def d(x, y):
        fy = DRAWS.integers((B,), 10)
        fake = G(DRAWS.normal((B, 100)), fy).detach()
        return 0.5 * (bce(D(x, y)[0], 1) + bce(D(fake, fy)[0], 0))

    def g(x, y):
        fy = DRAWS.integers((B,), 10)
        return bce(D(G(DRAWS.normal((B, 100)), fy), fy)[0], 1)

    return step(t, nets, opt, d, g, [(images(B), labels_of(B))], ["D"], ["G"])


def acgan(seed, projection):
    """Odena et al. 2017 (seed 000's networks): real/fake BCE + class cross-entropy on both halves; the G
    update draws its own z and labels."""
    t = start(seed)
    G = initialise(ConditionalGenerator())
    D = initialise(ProjectionDiscriminator() if projection else LabelChannelDiscriminator([1, 10]))
    nets = {"G": G, "D": D}
    opt = {"G": adam(G, 2e-4, (0.5, 0.999)), "D": adam(D, 2e-4, (0.5, 0.999))}

    def d(x, y):
        fy = DRAWS.integers((B,), 10)
        fake = G(DRAWS.normal((B, 100)), fy).detach()
        rf_r, cl_r = D(x, y)
        rf_f, cl_f = D(fake, fy)
        return 0.5 * (bce(rf_r, 1) + F.cross_entropy(cl_r, y) + bce(rf_f, 0) + F.cross_entropy(cl_f, fy))

    def g(x, y):
        fy = DRAWS.integers((B,), 10)
        rf, cl = D(G(DRAWS.normal((B, 100)), fy), fy)
        return bce(rf, 1) + F.cross_entropy(cl, fy)

    return step(t, nets, opt, d, g, [(images(B), labels_of(B))], ["D"], ["G"])


def sgan(seed):
    """Salimans et al. 2016, MNIST feature matching: G z → 500 → 500 (BN without scale, softplus) →
    weight-normalised 784, tanh; D weight-normalised 1000-500-250-250-250 with Gaussian noise (0.6 on the
    input, 0.5 after), K = 10 logits, D(x) from logsumexp; G matches D's last hidden features.
    The batch is B unlabelled images then B labelled ones."""
    t = start(seed)

    class G(nn.Module):
        def __init__(self):
            super().__init__()
            self.l1 = nn.Linear(100, 500, bias=False)
            self.bn1 = nn.BatchNorm1d(500)
            self.l2 = nn.Linear(500, 500, bias=False)
            self.bn2 = nn.BatchNorm1d(500)
            self.out = WeightNormLinear(500, 784, True)
            self.bn1.weight.requires_grad_(False)
            self.bn2.weight.requires_grad_(False)

        def forward(self, z):
            h = F.softplus(self.bn1(self.l1(z)))
            h = F.softplus(self.bn2(self.l2(h)))
            return torch.tanh(self.out(h)).view(-1, 1, 28, 28)

    class D(nn.Module):
        def __init__(self):
            super().__init__()
            widths = [784, 1000, 500, 250, 250, 250]
            self.hidden = nn.ModuleList([WeightNormLinear(widths[i], widths[i + 1], False) for i in range(5)])
            self.head = WeightNormLinear(250, 10, True)

        def forward(self, x):
            h = GaussianNoise(0.6)(x.flatten(1))
            for i, layer in enumerate(self.hidden):
                if i > 0:
                    h = GaussianNoise(0.5)(h)
                h = F.relu(layer(h))
            return self.head(GaussianNoise(0.5)(h)), h

    g_net, d_net = initialise(G()), initialise(D())
    nets = {"G": g_net, "D": d_net}
    opt = {"G": adam(g_net, 3e-4, (0.5, 0.999)), "D": adam(d_net, 3e-3, (0.5, 0.999))}

    def d(x, y):
        sup = F.cross_entropy(d_net(x[B:])[0], y[B:])
        fake = g_net(DRAWS.normal((B, 100))).detach()
        real_logits = d_net(x[:B])[0]
        fake_logits = d_net(fake)[0]
        return sup + bce(torch.logsumexp(real_logits, 1), 1) + bce(torch.logsumexp(fake_logits, 1), 0)

    def g(x, y):
        fake_features = d_net(g_net(DRAWS.normal((B, 100))))[1]
        real_features = d_net(x[:B])[1].detach()
        return (real_features.mean(0) - fake_features.mean(0)).square().mean()

    return step(t, nets, opt, d, g, [(images(2 * B), labels_of(2 * B))], ["D"], ["G"])


def infogan(seed):
    """Chen et al. 2016 (MNIST): G (z 62 ⊕ one-hot code 10 ⊕ u 2) → FC 1024 BN ReLU → Generator28; D Body28 →
    FC 1024 BN LReLU(0.1) → logit, features; Q FC 128 BN LReLU(0.1) → 10 logits + 2 means. Information loss
    CE + 0.1·squared error, on D's side (detached fakes) and G's; Q is on both sides at D's rate."""
    t = start(seed)
    BI = 8 * B  # with 4 or 16, its five BatchNorm layers left no seed well-conditioned (see make)

    class G(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = nn.Linear(74, 1024)
            self.bn = nn.BatchNorm1d(1024)
            self.body = Generator28(1024)

        def forward(self, x):
            return self.body(F.relu(self.bn(self.fc(x))))

    class D(nn.Module):
        def __init__(self):
            super().__init__()
            self.body = Body28(1)
            self.fc = nn.Linear(6272, 1024)
            self.bn = nn.BatchNorm1d(1024)
            self.logit = nn.Linear(1024, 1)

        def forward(self, x):
            h = F.leaky_relu(self.bn(self.fc(self.body(x))), 0.1)
            return self.logit(h), h

    g_net, d_net = initialise(G()), initialise(D())
    q_net = initialise(nn.Sequential(nn.Linear(1024, 128), nn.BatchNorm1d(128), nn.LeakyReLU(0.1), nn.Linear(128, 12)))
    nets = {"G": g_net, "D": d_net, "Q": q_net}
    opt = {"G": adam(g_net, 1e-3, (0.5, 0.999)), "D": adam(d_net, 2e-4, (0.5, 0.999)), "Q": adam(q_net, 2e-4, (0.5, 0.999))}

    def inputs():
        codes = DRAWS.integers((BI,), 10)
        z = DRAWS.normal((BI, 62))
        u = DRAWS.uniform((BI, 2), -1, 1)
        return codes, u, torch.cat([z, F.one_hot(codes, 10).float(), u], 1)

    def information(features, codes, u):
        q = q_net(features)
        return F.cross_entropy(q[:, :10], codes) + 0.1 * (u - q[:, 10:12]).square().sum(1).mean()

    def d(x, y):
        codes, u, gin = inputs()
        fake = g_net(gin).detach()
        real_logit, _ = d_net(x)
        fake_logit, features = d_net(fake)
        return bce(real_logit, 1) + bce(fake_logit, 0) + information(features, codes, u)

    def g(x, y):
        codes, u, gin = inputs()
        logit, features = d_net(g_net(gin))
        return bce(logit, 1) + information(features, codes, u)

    return step(t, nets, opt, d, g, [(images(BI), None)], ["D", "Q"], ["G", "Q"])


def wgan_gp(seed):
    """Gulrajani et al. 2017: critic Body28 with LayerNorm → linear score; loss mean D(fake) − mean D(real)
    + 10·E(‖∇D(x̂)‖ − 1)², x̂ = εx + (1−ε)x̃; Adam(1e-4, (0, 0.9)); here n_critic = 2 (two critic updates,
    each on its own batch, then the generator's)."""
    t = start(seed)
    G = initialise(Generator28(100))
    D = initialise(nn.Sequential(Body28(1, layer_norm=True), nn.Linear(6272, 1)))
    nets = {"G": G, "D": D}
    opt = {"G": adam(G, 1e-4, (0.0, 0.9)), "D": adam(D, 1e-4, (0.0, 0.9))}

    def d(x, y):
        fake = G(DRAWS.normal((B, 100))).detach()
        wasserstein = D(fake).mean() - D(x).mean()
        eps = DRAWS.uniform((B, 1, 1, 1), 0, 1)
        xhat = (x * eps + fake * (1 - eps)).requires_grad_(True)
        grad, = torch.autograd.grad(D(xhat).sum(), xhat, create_graph=True)
        return wasserstein + 10 * (grad.flatten(1).norm(dim=1) - 1).square().mean()

    g = lambda x, y: -D(G(DRAWS.normal((B, 100)))).mean()
    return step(t, nets, opt, d, g, [(images(B), None), (images(B), None)], ["D"], ["G"])


def pix2pix(seed):
    """Isola et al. 2017: U-Net G (28 padded to 32 with -1, 5 levels of 4·min(2^i, 8) maps, dropout 0.5
    in decoder levels 1-3), PatchGAN D of 2 layers on (input, image) channels, BatchNorm; D 0.5·(BCE real
    + BCE fake), G BCE + 100·L1. The batch holds (input, target) as 2 channels."""
    t = start(seed)
    base, depth = 4, 5

    class Level(nn.Module):
        def __init__(self, i):
            super().__init__()
            inner = base * min(2 ** i, 8)
            outer = 1 if i == 0 else base * min(2 ** (i - 1), 8)
            self.i, self.innermost = i, i == depth - 1
            down = ([nn.LeakyReLU(0.2)] if i > 0 else []) + [nn.Conv2d(outer, inner, 4, 2, 1, bias=False)]
            if i > 0 and not self.innermost:
                down.append(nn.BatchNorm2d(inner))
            self.down = nn.Sequential(*down)
            self.inner = None if self.innermost else Level(i + 1)
            up = [nn.ReLU(), nn.ConvTranspose2d(inner if self.innermost else 2 * inner, outer, 4, 2, 1, bias=i == 0)]
            up += [nn.Tanh()] if i == 0 else [nn.BatchNorm2d(outer)] + ([Dropout(0.5)] if 1 <= i <= depth - 2 else [])
            self.up = nn.Sequential(*up)

        def forward(self, x):
            y = self.down(x)
            if self.inner is not None:
                y = self.inner(y)
            y = self.up(y)
            return y if self.i == 0 else torch.cat([x, y], 1)

    class UNet(nn.Module):
        def __init__(self):
            super().__init__()
            self.root = Level(0)

        def forward(self, x):
            return self.root(F.pad(x, (2, 2, 2, 2), value=-1))[:, :, 2:30, 2:30]

    patch = nn.Sequential(nn.Conv2d(2, 4, 4, 2, 1), nn.LeakyReLU(0.2),
                          nn.Conv2d(4, 8, 4, 2, 1, bias=False), nn.BatchNorm2d(8), nn.LeakyReLU(0.2),
                          nn.Conv2d(8, 16, 4, 1, 1, bias=False), nn.BatchNorm2d(16), nn.LeakyReLU(0.2),
                          nn.Conv2d(16, 1, 4, 1, 1))
    G, D = initialise(UNet()), initialise(patch)
    nets = {"G": G, "D": D}
    opt = {"G": adam(G, 2e-4, (0.5, 0.999)), "D": adam(D, 2e-4, (0.5, 0.999))}

    def d(pairs, y):
        x, target = pairs[:, :1], pairs[:, 1:]
        fake = G(x).detach()
        return 0.5 * (bce(D(torch.cat([x, target], 1)), 1) + bce(D(torch.cat([x, fake], 1)), 0))

    def g(pairs, y):
        x, target = pairs[:, :1], pairs[:, 1:]
        fake = G(x)
        return bce(D(torch.cat([x, fake], 1)), 1) + 100 * (fake - target).abs().mean()

    return step(t, nets, opt, d, g, [(images(B, 2), None)], ["D"], ["G"])


MODELS = {"pattern": pattern, "vanilla": vanilla, "dcgan": dcgan, "cgan": cgan,
          "acgan-embed": lambda seed: acgan(seed, False), "acgan-projection": lambda seed: acgan(seed, True),
          "sgan": sgan, "infogan": infogan, "wgan-gp": wgan_gp, "pix2pix": pix2pix}

if __name__ == "__main__":
    torch.set_num_threads(1)
    os.makedirs(OUT_DIR, exist_ok=True)
    for i, model in enumerate(MODELS):
        if model in (sys.argv[1:] or MODELS):
            make(model, 100 * (i + 1))
