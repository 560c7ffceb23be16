#!/usr/bin/env python3
"""PyTorch side of jgrad's model benchmarks: a CNN, conv2d alone, a char-level GPT, a Fashion-MNIST
CNN epoch, and the MLP 784-256-10 at batch 64 that torch_reference.py does not measure.

Sections (select with --sections, default all; each runs at every --threads setting):
  cnnepoch : one Fashion-MNIST epoch of the CNN below, float32, Adam lr 1e-3, batch 64, then its test
             accuracy; s/epoch (one run, not a median). With --cnn-init FILE it first writes the initial
             weights and the sample order there, so that jgrad's suite trains from the same start
  cnn      : one CNN training step, batch 64 of 1x28x28 (forward, cross-entropy, backward, Adam lr 1e-3
             step, zero_grad), --dtypes; ms/step and samples/s
  conv     : F.conv2d of (64, 32, 14, 14) with (64, 32, 3, 3) and a bias, padding 1, float32: forward
             under no_grad, and forward + backward (input and weight require grad, out.backward(ones)); ms
  gpt      : one training step of char_gpt_torch.py's GPT (nanoGPT's model.py layout), 4 layers, 4 heads,
             128 channels, block 64, batch 16, vocabulary 65, no dropout, float32; AdamW lr 3e-4,
             betas (0.9, 0.99), weight decay 0.1 on the matrices and 0 on the rest (the example's groups,
             nanoGPT's rule); no gradient clipping; random token batches from a fixed seed;
             ms/step and tokens/s
  mlp      : MLP 784-256-10 step at batch 64 (torch_reference.py's mlp workload and record), --dtypes

The CNN is nn.Sequential(Conv2d(1,32,3,padding=1), ReLU, MaxPool2d(2), Conv2d(32,64,3,padding=1), ReLU,
MaxPool2d(2), Flatten, Linear(3136,128), ReLU, Linear(128,10)). Timing uses torch_reference.timeit, so every
median means the same thing as there and in jgrad's suite.

The --cnn-init file (safetensors) holds the CNN's initial state dict in float32 as PyTorch lays it out
("0.weight" (32,1,3,3), "0.bias", "3.weight" (64,32,3,3), "3.bias", "7.weight" (128,3136) taking the
flattened (C, H, W) features, "7.bias", "9.weight" (10,128), "9.bias"), made after torch.manual_seed(0),
and "order", int64 (60000,): the training samples' order, torch.randperm(60000) from a generator seeded
with 1. The batches are consecutive slices of 64 of that order (the last one has 32). Pixels are the IDX
bytes / 255, no other normalisation; the test accuracy is over the 10,000 test images.

Usage:
  python3 torch_models.py --threads 1,2 --data DIR --cnn-init /tmp/cnn-init.safetensors --json out.json
"""
import argparse
import copy
import json
import os
import platform
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_reference  # noqa: E402  (same directory)
from torch_reference import DT, stats, timeit  # noqa: E402
from torch_extra import FILES, read_idx  # noqa: E402
from char_gpt_torch import GPT  # noqa: E402

ALL_SECTIONS = "cnnepoch,cnn,conv,gpt,mlp"
CNN_BATCH = 64
CONV_X = (64, 32, 14, 14)
CONV_W = (64, 32, 3, 3)
GPT_CFG = dict(layers=4, heads=4, embd=128, block=64, batch=16, vocab=65)
GPT_BATCHES = 8  # distinct random token batches, used in turn


def dname(dtype):
    return str(dtype).replace("torch.", "")


def make_cnn():
    return nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                         nn.Linear(3136, 128), nn.ReLU(), nn.Linear(128, 10))


# ---------------------------------------------------------------- CNN step
def bench_cnn(dtype, threads, args):
    torch.manual_seed(0)
    model = make_cnn().to(dtype)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    g = torch.Generator().manual_seed(64)
    x = torch.rand(CNN_BATCH, 1, 28, 28, dtype=dtype, generator=g)
    y = torch.randint(0, 10, (CNN_BATCH,), generator=g)

    def step():
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        opt.zero_grad(set_to_none=True)

    ts = timeit(step, args.min_time, args.repeats)
    ms = [t * 1e3 for t in ts]
    print(f"cnn step B={CNN_BATCH} {dtype} thr={threads}: {statistics.median(ms):9.3f} ms/step "
          f"[{min(ms):.3f}-{max(ms):.3f}]  {CNN_BATCH / statistics.median(ts):10.0f} samples/s", flush=True)
    return [{"section": "cnn", "workload": "cnn step B=%d" % CNN_BATCH, "batch": CNN_BATCH, "dtype": dname(dtype),
             "threads": threads, "ms_per_step": stats(ms), "samples_per_s": stats([CNN_BATCH / t for t in ts])}]


# ---------------------------------------------------------------- conv2d alone
def bench_conv(threads, args, dtype=torch.float32):
    g = torch.Generator().manual_seed(32)
    x = torch.randn(*CONV_X, dtype=dtype, generator=g)
    w = torch.randn(*CONV_W, dtype=dtype, generator=g) * 0.1
    b = torch.randn(CONV_W[0], dtype=dtype, generator=g)
    shape = "%s*%s pad 1" % (CONV_X, CONV_W)

    def fwd():
        with torch.no_grad():
            F.conv2d(x, w, b, padding=1)

    xg = x.clone().requires_grad_(True)
    wg = w.clone().requires_grad_(True)
    ones = torch.ones(CONV_X[0], CONV_W[0], CONV_X[2], CONV_X[3], dtype=dtype)

    def fwd_bwd():
        xg.grad = None
        wg.grad = None
        F.conv2d(xg, wg, b, padding=1).backward(ones)

    out = []
    for op, fn in (("forward", fwd), ("forward+backward", fwd_bwd)):
        ms = [t * 1e3 for t in timeit(fn, args.min_time, args.repeats)]
        print(f"conv {op:16s} {shape} {dtype} thr={threads}: {statistics.median(ms):9.3f} ms "
              f"[{min(ms):.3f}-{max(ms):.3f}]", flush=True)
        out.append({"section": "conv", "op": op, "shape": shape, "dtype": dname(dtype), "threads": threads,
                    "ms": stats(ms)})
    return out


# ---------------------------------------------------------------- GPT step
def bench_gpt(threads, args):
    c = GPT_CFG
    torch.manual_seed(0)
    model = GPT(c["vocab"], c["block"], c["layers"], c["heads"], c["embd"])
    model.train()
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=3e-4, betas=(0.9, 0.99))
    g = torch.Generator().manual_seed(65)
    data = [torch.randint(0, c["vocab"], (c["batch"], c["block"] + 1), generator=g) for _ in range(GPT_BATCHES)]
    batches = [(d[:, :-1].contiguous(), d[:, 1:].contiguous()) for d in data]
    turn = [0]

    def step():
        x, y = batches[turn[0] % GPT_BATCHES]
        turn[0] += 1
        loss = F.cross_entropy(model(x).view(-1, c["vocab"]), y.view(-1))
        loss.backward()
        opt.step()
        opt.zero_grad(set_to_none=True)

    ts = timeit(step, args.min_time, args.repeats)
    ms = [t * 1e3 for t in ts]
    tokens = c["batch"] * c["block"]
    name = "gpt step L%d H%d C%d T%d B%d V%d" % (c["layers"], c["heads"], c["embd"], c["block"], c["batch"],
                                               c["vocab"])
    print(f"{name} float32 thr={threads}: {statistics.median(ms):9.3f} ms/step [{min(ms):.3f}-{max(ms):.3f}]  "
          f"{tokens / statistics.median(ts):10.0f} tokens/s", flush=True)
    return [{"section": "gpt", "workload": name, "dtype": "float32", "threads": threads, "ms_per_step": stats(ms),
             "tokens_per_s": stats([tokens / t for t in ts])}]


# ---------------------------------------------------------------- MLP 784-256-10 at batch 64
def bench_mlp64(dtype, threads, args):
    saved = torch_reference.MLP_CONFIGS
    torch_reference.MLP_CONFIGS = [((784, 256, 10), 64)]
    try:
        return torch_reference.bench_mlp(dtype, threads, args)
    finally:
        torch_reference.MLP_CONFIGS = saved


# ---------------------------------------------------------------- Fashion-MNIST CNN epoch
def cnn_start():
    """The CNN's initial weights and the training order, the same every call."""
    torch.manual_seed(0)
    model = make_cnn()
    order = torch.randperm(60000, generator=torch.Generator().manual_seed(1))
    return model, order


def write_cnn_init(path):
    from safetensors.torch import save_file
    model, order = cnn_start()
    tensors = {k: v.detach().to(torch.float32).contiguous() for k, v in model.state_dict().items()}
    tensors["order"] = order.to(torch.int64).contiguous()
    save_file(tensors, path)
    print(f"cnnepoch: initial weights and sample order written to {path}", flush=True)


def load_fashion(data):
    paths = [os.path.join(data or "", f) for f in FILES]
    if not data or not all(os.path.exists(p) or os.path.exists(p + ".gz") for p in paths):
        return None
    xtr = (read_idx(paths[0]).to(torch.float32) / 255.0).reshape(-1, 1, 28, 28)
    xte = (read_idx(paths[2]).to(torch.float32) / 255.0).reshape(-1, 1, 28, 28)
    return xtr, read_idx(paths[1]).long(), xte, read_idx(paths[3]).long()


def bench_cnnepoch(threads, args, data, shared, warmup_steps=20):
    if data is None:
        print(f"cnnepoch: skipped, Fashion-MNIST not found in {args.data!r}; pass --data DIR", flush=True)
        return []
    xtr, ytr, xte, yte = data
    n = xtr.shape[0]
    assert n == 60000, n
    model, order = cnn_start()

    def train(m, max_steps=None):
        opt = torch.optim.Adam(m.parameters(), lr=1e-3)
        total, steps = 0.0, 0
        for i in range(0, n, CNN_BATCH):
            idx = order[i:i + CNN_BATCH]
            loss = F.cross_entropy(m(xtr[idx]), ytr[idx])
            loss.backward()
            opt.step()
            opt.zero_grad(set_to_none=True)
            total += loss.item()
            steps += 1
            if max_steps is not None and steps >= max_steps:
                break
        return total / steps

    train(copy.deepcopy(model), warmup_steps)  # warm-up on a copy: the measured run starts from the shared weights
    t0 = time.perf_counter()
    loss = train(model)
    sec = time.perf_counter() - t0
    with torch.no_grad():
        correct = sum(int((model(xte[i:i + 1000]).argmax(1) == yte[i:i + 1000]).sum()) for i in range(0, 10000, 1000))
    acc = correct / xte.shape[0]
    print(f"cnnepoch fashion-mnist B={CNN_BATCH} float32 thr={threads}: {sec:.3f} s/epoch, {n / sec:.0f} samples/s, "
          f"epoch mean loss {loss:.4f}, test accuracy {acc:.4f}", flush=True)
    return [{"section": "cnnepoch", "dtype": "float32", "threads": threads, "seconds": sec, "test_accuracy": acc,
             "samples_per_s": n / sec, "train_loss_mean": loss, "init": "shared" if shared else "own"}]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sections", default=ALL_SECTIONS)
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--dtypes", default="float32,float64", help="for the cnn and mlp sections (the rest are float32)")
    ap.add_argument("--repeats", type=int, default=9)
    ap.add_argument("--min-time", type=float, default=0.05)
    ap.add_argument("--data", default=None, help="Fashion-MNIST IDX directory, for cnnepoch")
    ap.add_argument("--cnn-init", default=None, help="write the CNN's initial weights and sample order here")
    ap.add_argument("--json", default=None)
    args = ap.parse_args()
    sections = args.sections.split(",")
    unknown = [s for s in sections if s not in ALL_SECTIONS.split(",")]
    if unknown:
        sys.exit("torch_models.py: unknown sections %s; choose from %s" % (unknown, ALL_SECTIONS))
    meta = {"torch": torch.__version__, "python": platform.python_version(), "executable": sys.executable,
            "default_threads": torch.get_num_threads()}
    print(f"torch {torch.__version__} python {platform.python_version()} default threads {meta['default_threads']}",
          flush=True)
    data = None
    if "cnnepoch" in sections:
        if args.cnn_init:
            write_cnn_init(args.cnn_init)
        data = load_fashion(args.data)
    results = []
    for th in [int(t) for t in args.threads.split(",")]:
        torch.set_num_threads(th)
        if "cnnepoch" in sections:
            results += bench_cnnepoch(th, args, data, bool(args.cnn_init))
        for dn in args.dtypes.split(","):
            if "cnn" in sections:
                results += bench_cnn(DT[dn], th, args)
        if "conv" in sections:
            results += bench_conv(th, args)
        if "gpt" in sections:
            results += bench_gpt(th, args)
        for dn in args.dtypes.split(","):
            if "mlp" in sections:
                results += bench_mlp64(DT[dn], th, args)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"meta": meta, "results": results}, f, indent=1)


if __name__ == "__main__":
    main()
