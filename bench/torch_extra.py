#!/usr/bin/env python3
"""PyTorch side of the jgrad benchmarks that torch_reference.py does not cover.

Sections (select with --sections, default all):
  elementwise : add, mul, exp, relu, sum, softmax(dim=-1) on (1000000,) and (256, 1024), us/call
                (new result each call, as jgrad's Tensor API; no grad)
  epoch       : one Fashion-MNIST training epoch, 784-256-10, batch 32, shuffled, SGD lr=0.01,
                s/epoch (skipped with a message when the IDX files are not in --data)

Timing uses torch_reference.timeit, so every median means the same thing as there and in jgrad's
suite (io.jgrad.bench.EpochBench and ElementwiseBench mirror these workloads).

Usage:
  python3 torch_extra.py --threads 1,2 --dtypes float64 --data DIR --json out.json
"""
import argparse
import gzip
import json
import os
import platform
import statistics
import struct
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_reference import DT, stats, timeit  # noqa: E402  (same directory)

SHAPES = [(1000000,), (256, 1024)]
FILES = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]


def bench_elementwise(dtype, threads, args):
    out = []
    for shape in SHAPES:
        g = torch.Generator().manual_seed(len(shape))
        x = torch.randn(*shape, dtype=dtype, generator=g)
        y = torch.randn(*shape, dtype=dtype, generator=g)
        ops = [("add", lambda: torch.add(x, y)), ("mul", lambda: torch.mul(x, y)), ("exp", lambda: torch.exp(x)),
               ("relu", lambda: torch.relu(x)), ("sum", lambda: x.sum()), ("softmax", lambda: torch.softmax(x, -1))]
        for name, fn in ops:
            ts = timeit(fn, args.min_time, args.repeats)
            us = [t * 1e6 for t in ts]
            out.append({"section": "elementwise", "op": name, "shape": list(shape),
                        "dtype": str(dtype).replace("torch.", ""), "threads": threads, "us": stats(us)})
            print(f"elementwise {name:8s} {str(shape):12s} {dtype} thr={threads}: {statistics.median(us):10.2f} us "
                  f"[{min(us):.2f}-{max(us):.2f}]", flush=True)
    return out


def read_idx(path):
    """An IDX file of unsigned bytes (gzipped or not) as a uint8 tensor of its declared shape."""
    opener = gzip.open if os.path.exists(path + ".gz") else open
    with opener(path + ".gz" if os.path.exists(path + ".gz") else path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">i", data[:4])
    ndim = magic & 0xFF
    dims = struct.unpack(">" + "i" * ndim, data[4:4 + 4 * ndim])
    return torch.frombuffer(bytearray(data[4 + 4 * ndim:]), dtype=torch.uint8).reshape(dims)


def bench_epoch(dtype, threads, args, batch=32, warmup_steps=200):
    paths = [os.path.join(args.data or "", f) for f in FILES]
    if not args.data or not all(os.path.exists(p) or os.path.exists(p + ".gz") for p in paths):
        print(f"epoch: skipped, Fashion-MNIST not found in {args.data!r}; pass --data DIR", flush=True)
        return []
    xtr = read_idx(paths[0]).reshape(-1, 784).to(dtype) / 255.0
    ytr = read_idx(paths[1]).long()
    xte = read_idx(paths[2]).reshape(-1, 784).to(dtype) / 255.0
    yte = read_idx(paths[3]).long()
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10)).to(dtype)
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    g = torch.Generator().manual_seed(1)
    n = xtr.shape[0]

    def run(max_steps=None):
        perm = torch.randperm(n, generator=g)
        total, steps = 0.0, 0
        for i in range(0, n, batch):
            idx = perm[i:i + batch]
            opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(model(xtr[idx]), ytr[idx])
            loss.backward()
            opt.step()
            total += loss.item()
            steps += 1
            if max_steps is not None and steps >= max_steps:
                break
        return total / steps

    run(warmup_steps)
    secs, last = [], float("nan")
    for _ in range(args.epochs):
        t0 = time.perf_counter()
        last = run()
        secs.append(time.perf_counter() - t0)
    with torch.no_grad():
        acc = (model(xte).argmax(1) == yte).double().mean().item()
    print(f"epoch fashion-mnist 784-256-10 B={batch} {dtype} thr={threads}: {statistics.median(secs):.3f} s/epoch "
          f"[{min(secs):.3f}-{max(secs):.3f}]  last-epoch loss {last:.4f}, test accuracy {acc:.4f}", flush=True)
    return [{"section": "epoch", "arch": "784-256-10", "batch": batch, "samples": n,
             "dtype": str(dtype).replace("torch.", ""), "threads": threads, "sec_per_epoch": stats(secs),
             "samples_per_s": stats([n / t for t in secs]), "train_loss_last_epoch": last, "test_accuracy": acc}]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sections", default="elementwise,epoch")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--dtypes", default="float64")
    ap.add_argument("--repeats", type=int, default=9)
    ap.add_argument("--min-time", type=float, default=0.05)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--data", default=None)
    ap.add_argument("--json", default=None)
    args = ap.parse_args()
    sections = args.sections.split(",")
    meta = {"torch": torch.__version__, "python": platform.python_version(), "executable": sys.executable,
            "default_threads": torch.get_num_threads()}
    results = []
    for th in [int(t) for t in args.threads.split(",")]:
        torch.set_num_threads(th)
        for dn in args.dtypes.split(","):
            dt = DT[dn]
            if "elementwise" in sections:
                results += bench_elementwise(dt, th, args)
            if "epoch" in sections and args.epochs > 0:
                results += bench_epoch(dt, th, args)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"meta": meta, "results": results}, f, indent=1)


if __name__ == "__main__":
    main()
