"""Prints the PyTorch values that NnPyTorchTest (src/test/java/io/jgrad/ops/NnPyTorchTest.java) checks.

Run with torch 2.13 (CPU): python src/test/python/nn_functional_reference.py
Inputs are exact dyadic numbers made by v(), which the Java test builds the same way, so both sides
start from the same bits. Each printed line is `name: values` (float64, repr precision).
"""
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def v(*shape, a=37, b=11, scale=4.0):
    """((i·a) mod b − ⌊b/2⌋) / scale for the flat index i: small exact numbers, reproducible in Java."""
    n = 1
    for s in shape:
        n *= s
    return torch.tensor([((i * a) % b - b // 2) / scale for i in range(n)]).reshape(shape)


def show(name, t):
    print(name + ": " + ", ".join(repr(float(e)) for e in t.detach().reshape(-1)))


def grads(name, out, *leaves):
    u = v(*out.shape, a=29, b=7, scale=2.0) + 0.25
    (out * u).sum().backward()
    for i, leaf in enumerate(leaves):
        show(name + " grad" + str(i), leaf.grad)


# layer norm over the last dim with weight and bias
x = v(2, 4).requires_grad_()
w = (v(4, a=5, b=7) + 1).requires_grad_()
b = v(4, a=3, b=5).requires_grad_()
y = F.layer_norm(x, (4,), w, b, 1e-5)
show("layerNorm", y)
grads("layerNorm", y, x, w, b)

# layer norm over two dims, no affine
x = v(2, 2, 3).requires_grad_()
y = F.layer_norm(x, (2, 3), None, None, 1e-5)
show("layerNorm2d", y)
grads("layerNorm2d", y, x)

# batch norm, training, (N, C, L) with running statistics, then three steps of running statistics
x = v(3, 2, 2).requires_grad_()
w = (v(2, a=5, b=7) + 1).requires_grad_()
b = v(2, a=3, b=5).requires_grad_()
rm = torch.zeros(2)
rv = torch.ones(2)
y = F.batch_norm(x, rm, rv, w, b, training=True, momentum=0.1, eps=1e-5)
show("batchNorm", y)
grads("batchNorm", y, x, w, b)
show("batchNorm runningMean 1", rm)
show("batchNorm runningVar 1", rv)
for step in (2, 3):
    F.batch_norm(v(3, 2, 2, a=7 + step, b=13), rm, rv, w, b, training=True, momentum=0.1, eps=1e-5)
    show("batchNorm runningMean " + str(step), rm)
    show("batchNorm runningVar " + str(step), rv)

# batch norm, evaluation, (N, C, H, W) with those running statistics
x = v(2, 2, 1, 3).requires_grad_()
w.grad = None
b.grad = None
y = F.batch_norm(x, rm, rv, w, b, training=False, momentum=0.1, eps=1e-5)
show("batchNormEval", y)
grads("batchNormEval", y, x, w, b)

# batch norm (N, C) training without affine, momentum 0.3
x = v(4, 3).requires_grad_()
rm = torch.full((3,), 0.5)
rv = torch.full((3,), 2.0)
y = F.batch_norm(x, rm, rv, None, None, training=True, momentum=0.3, eps=1e-3)
show("batchNorm2", y)
grads("batchNorm2", y, x)
show("batchNorm2 runningMean", rm)
show("batchNorm2 runningVar", rv)

# embedding with repeated indices
wt = v(4, 3).requires_grad_()
idx = torch.tensor([[1, 3], [1, 1]])
y = F.embedding(idx, wt)
show("embedding", y)
grads("embedding", y, wt)

# attention: no mask; causal; bool mask with a row that attends nowhere; float mask
q = v(2, 3, 4).requires_grad_()
k = v(2, 5, 4, a=13, b=9).requires_grad_()
vv = v(2, 5, 2, a=7, b=5).requires_grad_()
y = F.scaled_dot_product_attention(q, k, vv)
show("attention", y)
grads("attention", y, q, k, vv)
q.grad = k.grad = vv.grad = None
y = F.scaled_dot_product_attention(q, k[:, :3], vv[:, :3], is_causal=True)
show("attentionCausal", y)
m = torch.zeros(3, 5, dtype=torch.bool)
m[0, 2] = True
m[1, :] = True
y = F.scaled_dot_product_attention(q, k, vv, attn_mask=m)
show("attentionBoolMask", y)
grads("attentionBoolMask", y, q, k, vv)
fm = v(3, 5, a=3, b=7)
y = F.scaled_dot_product_attention(q, k, vv, attn_mask=fm)
show("attentionFloatMask", y)

# losses
x = v(4, 5).requires_grad_()
t = torch.tensor([1, -100, 4, 0])
y = F.cross_entropy(x, t, label_smoothing=0.2)
show("crossEntropySmoothIgnore", y)
grads("crossEntropySmoothIgnore", y, x)
show("crossEntropy", F.cross_entropy(x, torch.tensor([1, 2, 4, 0])))
show("crossEntropyIgnoreClass", F.cross_entropy(x, torch.tensor([1, 2, 4, 2]), ignore_index=2))
show("crossEntropyAllIgnored", F.cross_entropy(x, torch.tensor([-100, -100, -100, -100]), label_smoothing=0.1))
p = torch.softmax(v(4, 5, a=3, b=7), 1).requires_grad_()
x.grad = None
y = F.cross_entropy(x, p, label_smoothing=0.1)
show("crossEntropyProbabilities", y)
grads("crossEntropyProbabilities", y, x, p)
lp = v(3, 4)
show("nllLoss", F.nll_loss(lp, torch.tensor([1, -100, 3])))
a = v(2, 3)
c = v(2, 3, a=5, b=7)
show("mseLoss", F.mse_loss(a, c))
show("l1Loss", F.l1_loss(a, c))
show("smoothL1Loss", F.smooth_l1_loss(a, c, beta=0.75))
pp = torch.tensor([0.0, 1.0, 0.25, 0.5, 0.75, 1e-30]).requires_grad_()
tt = torch.tensor([1.0, 0.0, 0.5, 1.0, 0.0, 1.0])
y = F.binary_cross_entropy(pp, tt)
show("binaryCrossEntropy", y)
lg = torch.tensor([1000.0, -1000.0, 0.0, 25.0, -3.5, 0.75]).requires_grad_()
y = F.binary_cross_entropy_with_logits(lg, tt)
show("binaryCrossEntropyWithLogits", y)
grads("binaryCrossEntropyWithLogits", y, lg)
