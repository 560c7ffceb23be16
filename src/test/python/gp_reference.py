#!/usr/bin/env python3
"""PyTorch's run of jgrad's Gaussian-process example (io.jgrad.examples.GaussianProcess), for
GaussianProcessTest: the same data (java.util.Random reproduced below, seed 0, 40 points), the same
log marginal likelihood (Cholesky, a solve with the factor, the log-diagonal) and the same Adam
optimisation (lr 0.05, PyTorch's defaults otherwise) over (log lengthscale, log signal std, log noise std).
Prints the log likelihood and its gradient at the start, and the fitted hyperparameters and log
likelihood after 200 steps, as pasted into GaussianProcessTest.

How it was run (torch 2.13.0+cpu, Python 3.11, from the repository root):

    python3 src/test/python/gp_reference.py
"""
import math

import torch

torch.set_default_dtype(torch.float64)


class JavaRandom:
    """java.util.Random: the 48-bit linear congruential generator, nextDouble and nextGaussian
    (the polar method, with StrictMath's log and sqrt taken as math's: at most an ulp apart)."""

    def __init__(self, seed):
        self.seed = (seed ^ 0x5DEECE66D) & ((1 << 48) - 1)
        self.next_gaussian = None

    def next(self, bits):
        self.seed = (self.seed * 0x5DEECE66D + 0xB) & ((1 << 48) - 1)
        return self.seed >> (48 - bits)

    def next_double(self):
        return ((self.next(26) << 27) + self.next(27)) * 2.0 ** -53

    def next_gaussian_value(self):
        if self.next_gaussian is not None:
            v, self.next_gaussian = self.next_gaussian, None
            return v
        while True:
            v1 = 2 * self.next_double() - 1
            v2 = 2 * self.next_double() - 1
            s = v1 * v1 + v2 * v2
            if 0 < s < 1:
                break
        multiplier = math.sqrt(-2 * math.log(s) / s)
        self.next_gaussian = v2 * multiplier
        return v1 * multiplier


def truth(x):
    return math.sin(x) + 0.3 * math.sin(3 * x)


def log_marginal_likelihood(x, y, log_length, log_signal, log_noise):
    n = x.numel()
    diff = x.reshape(-1, 1) - x.reshape(1, -1)
    k = (diff * diff * torch.exp(-2 * log_length) * -0.5).exp() * torch.exp(2 * log_signal)
    k = k + torch.eye(n) * (torch.exp(2 * log_noise) + 1e-6)
    l = torch.linalg.cholesky(k)
    z = torch.linalg.solve(l, y)
    return -0.5 * (z * z).sum() - torch.log(torch.diagonal(l)).sum() - 0.5 * n * math.log(2 * math.pi)


def main(n=40, steps=200, lr=0.05, seed=0):
    rng = JavaRandom(seed)
    xs = [-4 + 8 * rng.next_double() for _ in range(n)]
    ys = [truth(x) + 0.1 * rng.next_gaussian_value() for x in xs]
    x = torch.tensor(xs)
    y = torch.tensor(ys)
    params = [torch.tensor(math.log(v), requires_grad=True) for v in (0.3, 0.5, 0.5)]
    opt = torch.optim.Adam(params, lr=lr)
    for step in range(steps):
        ll = log_marginal_likelihood(x, y, *params)
        opt.zero_grad()
        (-ll).backward()
        if step == 0:
            print("initial log likelihood", repr(ll.item()))
            print("initial gradient", [repr(-p.grad.item()) for p in params])
        opt.step()
    with torch.no_grad():
        ll = log_marginal_likelihood(x, y, *params)
    print("fitted lengthscale, signal std, noise std", [repr(math.exp(p.item())) for p in params])
    print("fitted log likelihood", repr(ll.item()))


if __name__ == "__main__":
    main()
