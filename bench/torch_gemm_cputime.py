#!/usr/bin/env python3
"""PyTorch's side of GemmBench --cpu-time: matrix-product GFLOP/s on one thread, timed with the
calling thread's CPU time (time.thread_time) instead of wall-clock time.

On a shared machine whose other processes take part of the cores' time, wall-clock medians swing
by several times; the thread's CPU time still measures what the product does while it runs. With
torch.set_num_threads(1) the product runs on the calling thread, so its CPU time is all of it.

Shapes: square --sizes, and with --mlp the four large products of a 784-256-10 MLP step at batch
--batch (X·W1, X·W1ᵀ, dW1 = Xᵀ·dH, dX = dH·W1ᵀ), the transposes as views (no copy), as in
GemmBench. Each result: median [min-max] of --repeats calibrated loops of at least --min-time s.

Usage:
  python3 bench/torch_gemm_cputime.py --sizes 256,512 --mlp --batch 32,64 --dtypes float32,float64
"""
import argparse
import time

import torch


def bench(fn, flops, repeats, min_time):
    for _ in range(5):
        fn()
    inner = 1
    while True:
        t0 = time.thread_time()
        for _ in range(inner):
            fn()
        if time.thread_time() - t0 >= min_time:
            break
        inner *= 2
    g = []
    for _ in range(repeats):
        t0 = time.thread_time()
        for _ in range(inner):
            fn()
        g.append(flops / ((time.thread_time() - t0) / inner) / 1e9)
    g.sort()
    return g[len(g) // 2], g[0], g[-1]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--sizes", default="256,512")
    p.add_argument("--mlp", action="store_true")
    p.add_argument("--batch", default="32,64")
    p.add_argument("--dtypes", default="float32,float64")
    p.add_argument("--repeats", type=int, default=7)
    p.add_argument("--min-time", type=float, default=0.2)
    args = p.parse_args()
    torch.set_num_threads(1)
    shapes = [("square", s, s, s, False, False) for s in map(int, args.sizes.split(",") if args.sizes else [])]
    if args.mlp:
        for b in map(int, args.batch.split(",")):
            shapes += [(f"mlp b={b} X·W1", b, 256, 784, False, False),
                       (f"mlp b={b} X·W1ᵀ", b, 256, 784, False, True),
                       (f"mlp b={b} dW1=Xᵀ·dH", 784, 256, b, True, False),
                       (f"mlp b={b} dX=dH·W1ᵀ", b, 784, 256, False, True)]
    print(f"torch {torch.__version__}, 1 thread, times are the calling thread's CPU time")
    for name in args.dtypes.split(","):
        dt = getattr(torch, name)
        for label, m, n, k, ta, tb in shapes:
            a = torch.randn(k, m, dtype=dt).t() if ta else torch.randn(m, k, dtype=dt)
            b = torch.randn(n, k, dtype=dt).t() if tb else torch.randn(k, n, dtype=dt)
            out = torch.empty(m, n, dtype=dt)
            med, lo, hi = bench(lambda: torch.matmul(a, b, out=out), 2.0 * m * n * k, args.repeats, args.min_time)
            op = ("T" if ta else "N") + ("T" if tb else "N")
            print(f"{label:24s} {m}x{n}x{k} {op} {name:8s} {med:8.2f} GFLOP/s [{lo:.2f}-{hi:.2f}]")


if __name__ == "__main__":
    main()
