#!/usr/bin/env python3
"""Writes src/test/java/io/jgrad/linalg/TorchReference.java: PyTorch's values, gradients and
second-order gradients of torch.linalg functions at fixed points, which LinalgTorchReferenceTest
compares jgrad's Linalg with (so the tests do not need PyTorch).

Each entry: inputs (float64, printed exactly), the function's outputs, the gradient of
    loss = sum_k sum(out_k * W_k)            (W_k fixed weights, one per output)
with respect to every input, and the second-order gradient
    d/d inputs of sum_i sum(grad_i * V_i)     (V_i fixed directions; grad made with create_graph=True),
a Hessian-vector product. Outputs that are defined only up to sign (eigenvectors, singular vectors)
enter through sign-invariant functions of them (V * V), as the function names say; QR's factors
enter as they are (jgrad keeps LAPACK's signs).

det at a singular matrix: PyTorch's first-order pass without create_graph returns zeros there; the
gradient recorded is its create_graph one (the adjugate), which is the derivative and what jgrad
returns in both modes (docs/linalg.md).

How it was run (torch 2.13.0+cpu, Python 3.11, from the repository root):

    python3 src/test/python/linalg_reference.py
"""
import torch

torch.set_default_dtype(torch.float64)
OUT = "src/test/java/io/jgrad/linalg/TorchReference.java"


def gen(seed, *shape):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(tuple(shape), generator=g)


def well(seed, *shape):
    return gen(seed, *shape) * 0.4 + 2 * torch.eye(shape[-1])


def spd(seed, *shape):
    x = gen(seed, *shape)
    return x @ x.mT + shape[-1] * torch.eye(shape[-1])


def sym(seed, *shape):
    x = gen(seed, *shape) * 0.15 + torch.diag(torch.arange(1, shape[-1] + 1) * 0.75)
    return x + x.mT


def full_rank(seed, m, n):
    x = gen(seed, m, n) * 0.2
    for i in range(min(m, n)):
        x[i, i] += 1.5 * (i + 1)
    return x


def svd_gauge(a):
    u, s, vh = torch.linalg.svd(a, full_matrices=False)
    return [u * u, s, vh * vh]


def eigh_gauge(a):
    l, v = torch.linalg.eigh(a)
    return [l, v * v]


CASES = [
    ("solve", lambda a, b: [torch.linalg.solve(a, b)], [well(1, 3, 3), gen(2, 3, 2)]),
    ("solve vector batched", lambda a, b: [torch.linalg.solve(a, b)], [well(3, 2, 3, 3), gen(4, 3)]),
    ("inv", lambda a: [torch.linalg.inv(a)], [well(5, 3, 3)]),
    ("det", lambda a: [torch.linalg.det(a)], [well(6, 3, 3)]),
    ("det batched", lambda a: [torch.linalg.det(a)], [well(7, 2, 3, 3)]),
    ("det singular", lambda a: [torch.linalg.det(a)], [torch.tensor([[1.0, 2.0], [2.0, 4.0]])]),
    ("slogdet", lambda a: list(torch.linalg.slogdet(a)), [torch.tensor([[0.5, 2.0, 0.1], [2.0, 0.5, 0.3], [0.2, 0.1, 1.5]])]),
    ("cholesky", lambda a: [torch.linalg.cholesky(a)], [spd(8, 3, 3)]),
    ("cholesky batched", lambda a: [torch.linalg.cholesky(a)], [spd(9, 2, 3, 3)]),
    ("qr tall", lambda a: list(torch.linalg.qr(a)), [full_rank(10, 4, 3)]),
    ("qr wide", lambda a: list(torch.linalg.qr(a)), [full_rank(11, 3, 4)]),
    ("qr square", lambda a: list(torch.linalg.qr(a)), [torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 10.0]])]),
    ("qr batched with a triangular matrix", lambda a: list(torch.linalg.qr(a)),
     [torch.stack([full_rank(17, 4, 3), torch.tensor([[2.0, 1.0, 0.5], [0.0, -3.0, 1.0], [0.0, 0.0, 1.5], [0.0, 0.0, 0.0]])])]),
    ("eigh, V*V", eigh_gauge, [sym(12, 3, 3)]),
    ("eigh batched, V*V", eigh_gauge, [sym(13, 2, 3, 3)]),
    ("svd tall, U*U and Vh*Vh", svd_gauge, [full_rank(14, 4, 3)]),
    ("svd wide, U*U and Vh*Vh", svd_gauge, [full_rank(15, 3, 4)]),
    ("svdvals", lambda a: [torch.linalg.svdvals(a)], [full_rank(16, 3, 3)]),
]


def java_doubles(t):
    values = [repr(float(v)) for v in t.detach().reshape(-1).tolist()]
    lines = [", ".join(values[i:i + 4]) for i in range(0, len(values), 4)]
    return "{" + ",\n                ".join(lines) + "}"


def java_ints(shape):
    return "{" + ", ".join(str(d) for d in shape) + "}"


def rows(tensors):
    return "new double[][] {" + ",\n            ".join(java_doubles(t) for t in tensors) + "}"


def shapes(tensors):
    return "new int[][] {" + ", ".join(java_ints(t.shape) for t in tensors) + "}"


def entry(name, f, inputs):
    xs = [x.clone().requires_grad_(True) for x in inputs]
    outs = f(*xs)
    weights = [gen(100 + k, *o.shape) for k, o in enumerate(outs)]
    directions = [gen(200 + i, *x.shape) for i, x in enumerate(xs)]
    loss = sum((o * w).sum() for o, w in zip(outs, weights))
    grads = torch.autograd.grad(loss, xs, create_graph=True)
    hvp = torch.autograd.grad(sum((g * v).sum() for g, v in zip(grads, directions)), xs)
    return ("        new Entry(\"%s\",\n            %s,\n            %s,\n            %s,\n            %s,\n"
            "            %s,\n            %s,\n            %s,\n            %s)"
            % (name, rows(inputs), shapes(inputs), rows(outs), shapes(outs), rows(weights), rows(grads),
               rows(directions), rows(hvp)))


def main():
    body = ",\n".join(entry(*c) for c in CASES)
    text = '''package io.jgrad.linalg;

import java.util.List;

/**
 * PyTorch's values and gradients of {@code torch.linalg} functions at fixed points, written by
 * {@code src/test/python/linalg_reference.py} (torch %s, float64; see that script for what each
 * number is and how it was run). Generated: do not edit by hand.
 */
final class TorchReference {

    private TorchReference() {
    }

    /**
     * One function at one point.
     *
     * @param name names the function in {@code LinalgTorchReferenceTest}
     * @param inputs the inputs, flat
     * @param inputShapes their shapes
     * @param outputs the function's outputs, flat
     * @param outputShapes their shapes
     * @param weights {@code W_k}: the loss is {@code Σ_k sum(out_k ⊙ W_k)}
     * @param grads the loss's gradient with respect to each input
     * @param directions {@code V_i}
     * @param secondOrder the gradient of {@code Σ_i sum(grad_i ⊙ V_i)} with respect to each input
     */
    record Entry(String name, double[][] inputs, int[][] inputShapes, double[][] outputs, int[][] outputShapes,
                 double[][] weights, double[][] grads, double[][] directions, double[][] secondOrder) {
    }

    static final List<Entry> ENTRIES = List.of(
%s);
}
''' % (torch.__version__, body)
    with open(OUT, "w", encoding="utf-8") as out:
        out.write(text)


if __name__ == "__main__":
    main()
