"""The char-gpt example trained by PyTorch, for the issue's comparison of validation losses.

It trains the same model (nanoGPT's layout, the same configuration), from the same initial weights
(written by the Java example with --save-init), on the same training windows in the same order
and evaluates on the same random validation windows: java.util.Random is reproduced below, so the
two runs differ only by floating-point rounding. Then it prints both validation losses.

    mvn -q test-compile exec:java@char-gpt -Dexec.args="--save-init /tmp/gpt-init.safetensors --out /tmp/gpt"
    ~/torch-venv/bin/python bench/char_gpt_torch.py --init /tmp/gpt-init.safetensors

Options mirror the example's (--steps, --batch, --block, --layers, --heads, --embd, --lr,
--eval-every, --seed); pass the same values to both. --threads N sets torch.set_num_threads.
"""
import argparse
import math
import time

import torch
import torch.nn as nn
from torch.nn import functional as F
from safetensors.torch import load_file


class JavaRandom:
    """java.util.Random: the 48-bit linear congruential generator and its nextInt(bound)."""

    def __init__(self, seed):
        self.seed = (seed ^ 0x5DEECE66D) & ((1 << 48) - 1)

    def next(self, bits):
        self.seed = (self.seed * 0x5DEECE66D + 0xB) & ((1 << 48) - 1)
        r = self.seed >> (48 - bits)
        return r - (1 << 32) if r >= (1 << 31) else r

    def next_int(self, bound):
        r = self.next(31)
        m = bound - 1
        if bound & m == 0:
            return (bound * r) >> 31
        u = r
        while True:
            r = u % bound
            if u - r + m < (1 << 31):  # Java's int overflow check, u - r + m < 0 as a signed int
                return r
            u = self.next(31)


class Block(nn.Module):
    def __init__(self, c, nh):
        super().__init__()
        self.ln_1 = nn.LayerNorm(c)
        self.attn = nn.Module()
        self.attn.c_attn = nn.Linear(c, 3 * c)
        self.attn.c_proj = nn.Linear(c, c)
        self.ln_2 = nn.LayerNorm(c)
        self.mlp = nn.Module()
        self.mlp.c_fc = nn.Linear(c, 4 * c)
        self.mlp.c_proj = nn.Linear(4 * c, c)
        self.nh = nh

    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.attn.c_attn(self.ln_1(x)).split(C, dim=2)
        q, k, v = (t.view(B, T, self.nh, C // self.nh).transpose(1, 2) for t in (q, k, v))
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True).transpose(1, 2).contiguous().view(B, T, C)
        x = x + self.attn.c_proj(y)
        return x + self.mlp.c_proj(F.gelu(self.mlp.c_fc(self.ln_2(x))))


class GPT(nn.Module):
    def __init__(self, vocab, block, n_layer, n_head, c):
        super().__init__()
        self.transformer = nn.ModuleDict(dict(
            wte=nn.Embedding(vocab, c), wpe=nn.Embedding(block, c),
            h=nn.ModuleList([Block(c, n_head) for _ in range(n_layer)]), ln_f=nn.LayerNorm(c)))
        self.lm_head = nn.Linear(c, vocab, bias=False)
        self.transformer.wte.weight = self.lm_head.weight

    def forward(self, idx):
        t = idx.shape[1]
        x = self.transformer.wte(idx) + self.transformer.wpe(torch.arange(t))
        for b in self.transformer.h:
            x = b(x)
        return self.lm_head(self.transformer.ln_f(x))


def lr_at(step, steps, lr):
    warmup = min(100, steps // 10)
    if step < warmup:
        return lr * (step + 1) / warmup
    progress = (step - warmup) / max(1, steps - warmup)
    return lr / 10 + 0.5 * (1 + math.cos(math.pi * progress)) * (lr - lr / 10)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--init", required=True)
    p.add_argument("--text", default="src/examples/resources/text/names.txt")
    for name, default in (("steps", 2000), ("batch", 32), ("block", 32), ("layers", 4), ("heads", 4),
                          ("embd", 64), ("eval-every", 250), ("seed", 0), ("threads", 1)):
        p.add_argument("--" + name, type=int, default=default)
    p.add_argument("--lr", type=float, default=1e-3)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    text = open(a.text, encoding="utf-8").read()
    chars = sorted(set(text))
    data = torch.tensor([chars.index(c) for c in text], dtype=torch.long)
    n = int(0.9 * len(data))
    train, val = data[:n], data[n:]
    model = GPT(len(chars), a.block, a.layers, a.heads, a.embd)
    state = load_file(a.init)
    missing, unexpected = model.load_state_dict({k: v.float() for k, v in state.items()}, strict=False)
    assert not unexpected and all(k.endswith("attn.bias") for k in missing), (missing, unexpected)
    decay = [q for q in model.parameters() if q.dim() >= 2]
    no_decay = [q for q in model.parameters() if q.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=a.lr, betas=(0.9, 0.99))
    batches = JavaRandom(a.seed + 1)
    evals = JavaRandom(a.seed + 2)

    def windows(d, rng):
        ix = [rng.next_int(len(d) - a.block) for _ in range(a.batch)]
        return torch.stack([d[i:i + a.block] for i in ix]), torch.stack([d[i + 1:i + 1 + a.block] for i in ix])

    def estimate(d):
        model.eval()
        with torch.no_grad():
            losses = [F.cross_entropy(model(x).view(-1, len(chars)), y.view(-1)).item()
                      for x, y in (windows(d, evals) for _ in range(20))]
        model.train()
        return sum(losses) / len(losses)

    start = time.time()
    for step in range(a.steps):
        for g in opt.param_groups:
            g["lr"] = lr_at(step, a.steps, a.lr)
        x, y = windows(train, batches)
        loss = F.cross_entropy(model(x).view(-1, len(chars)), y.view(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if (step + 1) % a.eval_every == 0 or step + 1 == a.steps:
            tr, va = estimate(train), estimate(val)
            print(f"step {step + 1:5d}  train {tr:.4f}  val {va:.4f}  {time.time() - start:.1f} s", flush=True)
    print(f"pytorch validation loss: {va:.4f} after {a.steps} steps in {time.time() - start:.1f} s")


if __name__ == "__main__":
    main()
