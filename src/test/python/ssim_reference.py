"""Reference SSIM for ImageMetricsTest: Wang et al. 2004 as their ssim.m computes it (11x11 Gaussian
window, sigma 1.5, K1 = 0.01, K2 = 0.03, L = 1, 'valid' filtering, population statistics), in numpy.
Equals skimage's structural_similarity(gaussian_weights=True, sigma=1.5, use_sample_covariance=False,
data_range=1). Run: python3 src/test/python/ssim_reference.py"""
import numpy as np


def ssim(a, b):
    k = np.arange(11) - 5
    g = np.exp(-k * k / (2 * 1.5 ** 2))
    w = np.outer(g, g) / np.outer(g, g).sum()
    h, wd = a.shape

    def filt(x):
        return np.array([[np.sum(w * x[i:i + 11, j:j + 11]) for j in range(wd - 10)] for i in range(h - 10)])

    mx, my = filt(a), filt(b)
    vx, vy, cxy = filt(a * a) - mx * mx, filt(b * b) - my * my, filt(a * b) - mx * my
    c1, c2 = 0.01 ** 2, 0.03 ** 2
    return np.mean((2 * mx * my + c1) * (2 * cxy + c2) / ((mx * mx + my * my + c1) * (vx + vy + c2)))


def pair():
    """The test's images: 16x16, a = ((3x + 5y) mod 16) / 15, b = a blended with a checkerboard."""
    y, x = np.mgrid[0:16, 0:16]
    a = ((3 * x + 5 * y) % 16) / 15.0
    b = 0.7 * a + 0.3 * ((x + y) % 2)
    return a.astype(np.float32).astype(np.float64), b.astype(np.float32).astype(np.float64)


if __name__ == "__main__":
    a, b = pair()
    print("ssim(a, b) = %.10f" % ssim(a, b))
    print("ssim(a, a) = %.10f" % ssim(a, a))
