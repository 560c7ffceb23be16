"""Reference values for src/test/java/io/jgrad/contract/ContractV2Test.java, printed by PyTorch 2.13 CPU
with torch.set_default_dtype(torch.float64). Run: python contract_v2_reference.py
Each section below is one group of values the test pastes in, next to the expression it came from."""
import math
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


# ---------------------------------------------------------------- ref1.py
def p(name, t):
    if isinstance(t, torch.Tensor):
        print(name, t.detach().flatten().tolist(), tuple(t.shape), t.dtype)
    else:
        print(name, t)
x = torch.tensor([[0.5, -1.2, 2.0], [0.3, 0.7, -0.4]], requires_grad=True)
# unary chain
y = (F.gelu(x) * x.sin() + F.softplus(x) * x.erf() + F.gelu(x, approximate='tanh') + F.silu(x).square()).sum()
y.backward(); p("unary.y", y); p("unary.g", x.grad); x.grad = None
y = (x.cos() + F.leaky_relu(x, 0.1) + x.clamp(-0.5, 0.6) + x.clamp_min(0.4) + x.clamp_max(0.4)).sum()
y.backward(); p("unary2.y", y); p("unary2.g", x.grad); x.grad = None
z = torch.tensor([[1.5, 0.2, 3.0], [0.8, 2.5, 0.6]], requires_grad=True)
y = (z.rsqrt() + z.reciprocal() + z.sqrt()).sum(); y.backward(); p("unary3.y", y); p("unary3.g", z.grad)
# reductions
x.grad=None
y = x.logsumexp(1, keepdim=False); p("lse", y); y.sum().backward(); p("lse.g", x.grad); x.grad=None
y = x.var(1, correction=1, keepdim=True); p("var1", y); (y*torch.tensor([[1.0],[2.0]])).sum().backward(); p("var1.g", x.grad); x.grad=None
y = x.std(dim=[0,1], correction=0, keepdim=False); p("std01", y); y.backward(); p("std01.g", x.grad); x.grad=None
y = x.var(); p("varall", y); y = x.std(); p("stdall", y)
y = x.cumsum(1); p("cumsum", y); (y*torch.tensor([[1.,2,3],[4,5,6]])).sum().backward(); p("cumsum.g", x.grad); x.grad=None
y = x.norm(); p("norm", y); y.backward(); p("norm.g", x.grad); x.grad=None
y = x.max(1, keepdim=True).values; p("max1k", y); y = x.min(); p("min", y)
p("argmax", x.argmax()); p("argmax1", x.argmax(1)); p("argmin0k", x.argmin(0, keepdim=True))
y = x.mean(dim=[0,1], keepdim=True); p("mean01k", y)
# softmax
y = x.softmax(0); w = torch.tensor([[1.,-2,3],[0.5,0.1,-1]]); (y*w).sum().backward(); p("softmax0.g", x.grad); x.grad=None
y = x.log_softmax(-1); (y*w).sum().backward(); p("logsoftmax.g", x.grad); x.grad=None
# movement
y = x.permute(1,0).unsqueeze(0).flatten(); p("perm", y)
t = torch.arange(12.).reshape(3,4)
p("slice", t[:, -3:100:2]); p("slice2", t[-100:-1:2, 1:2])

# ---------------------------------------------------------------- ref1b.py
x = torch.tensor([[0.5, -1.2, 2.0], [0.3, 0.7, -0.4]], requires_grad=True)
y = (x.cos() + F.leaky_relu(x, 0.1) + x.clamp(-0.5, 0.6) + x.clamp_min(0.4) + x.clamp_max(0.4)).sum(); y.backward(); print(x.grad.flatten().tolist())
z = torch.tensor([[1.5, 0.2, 3.0], [0.8, 2.5, 0.6]], requires_grad=True)
y = (z.rsqrt() + z.reciprocal() + z.sqrt() + z.log1p() + z.expm1()).sum(); y.backward(); print(y.item(), z.grad.flatten().tolist())
x = torch.tensor([1.0, 5, 3], requires_grad=True); b = torch.tensor([2.0, 5, 1], requires_grad=True)
(x.maximum(b) + x.minimum(b)).sum().backward(); print(x.grad.tolist())
print(F.cross_entropy(torch.tensor([1.0, 2.0, 0.5]), torch.tensor(1)).item())
print(torch.tensor([1000.,1001,1002]).softmax(0)[2].item(), torch.tensor([1000.,1001,1002]).log_softmax(0)[0].item())
print(F.cross_entropy(torch.tensor([[1e8, 0, -1e8], [1000, -1000, 0]]), torch.tensor([0, 1])).item())

# ---------------------------------------------------------------- ref2.py
def p(name, t):
    if isinstance(t, torch.Tensor):
        print(name, t.detach().flatten().tolist(), tuple(t.shape), t.dtype)
    else:
        print(name, t)
# schedulers
def seq(make, n=10):
    w = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([w], lr=0.1)
    s = make(opt)
    out = [s.get_last_lr()[0]]
    for i in range(n):
        opt.step(); s.step(); out.append(s.get_last_lr()[0])
    return out
p("steplr", seq(lambda o: torch.optim.lr_scheduler.StepLR(o, 3, 0.5)))
p("cosine", seq(lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, 4, 0.01), 12))
p("linear", seq(lambda o: torch.optim.lr_scheduler.LinearLR(o, 0.25, 1.0, 4), 7))
p("lambda", seq(lambda o: torch.optim.lr_scheduler.LambdaLR(o, lambda e: 0.9**e), 5))
# rmsprop
w = torch.tensor([[0.5, -1.0], [2.0, 0.25]], requires_grad=True)
opt = torch.optim.RMSprop([w], lr=0.01, alpha=0.9, eps=1e-6, momentum=0.5, weight_decay=0.1, centered=True)
for i in range(3):
    opt.zero_grad(); loss = (w**3).sum() + (w[0]*w[1]).sum(); loss.backward(); opt.step()
p("rmsprop.w", w)
sd = opt.state_dict(); print("rmsprop.keys", sorted(sd['state'][0].keys()), {k: (v.dtype, tuple(v.shape)) for k,v in sd['state'][0].items()})
w2 = torch.tensor([1.0, 2.0], requires_grad=True)
for name, o in [("sgd", torch.optim.SGD([w2], lr=0.1, momentum=0.9)), ("adam", torch.optim.Adam([w2], lr=0.1)), ("adamw", torch.optim.AdamW([w2], lr=0.1)), ("rms", torch.optim.RMSprop([w2], lr=0.1))]:
    o.zero_grad(); (w2**2).sum().backward(); o.step(); print(name, {k: (v.dtype, tuple(v.shape)) if isinstance(v, torch.Tensor) else v for k,v in o.state_dict()['state'][0].items()})
# clip
a = torch.tensor([3.0, 4.0], requires_grad=True); b = torch.tensor([[12.0]], requires_grad=True)
a.grad = torch.tensor([3.0, 4.0]); b.grad = torch.tensor([[12.0]])
tn = torch.nn.utils.clip_grad_norm_([a, b], 1.0); p("clip.total", tn); p("clip.a", a.grad); p("clip.b", b.grad)

# ---------------------------------------------------------------- ref3.py
def p(name, t):
    print(name, t.detach().flatten().tolist(), tuple(t.shape), t.dtype)
x = torch.arange(2*2*4*4, dtype=torch.float64).reshape(2,2,4,4).sin().requires_grad_(True)
w = torch.arange(3*2*3*3, dtype=torch.float64).reshape(3,2,3,3).cos().requires_grad_(True)
b = torch.tensor([0.1, -0.2, 0.3], requires_grad=True)
y = F.conv2d(x, w, b, stride=2, padding=1); p("conv.y", y)
y.sum().backward(); p("conv.gw", w.grad); p("conv.gb", b.grad)
y2 = F.conv2d(x, torch.arange(8.).reshape(2,1,2,2).cos(), None, stride=(1,2), padding=(0,1), dilation=(2,1), groups=2); p("convg.y", y2)
p("maxpool", F.max_pool2d(x, kernel_size=(2,3), stride=(2,1), padding=(1,1)))
p("avgpool", F.avg_pool2d(x, kernel_size=(3,3), stride=(2,2), padding=(1,1)))
p("adapt", F.adaptive_avg_pool2d(x, (3, 2)))
p("pad", F.pad(torch.arange(6.).reshape(2,3), (1, 2, -1, 1), value=9.0))
# layer norm / batch norm
xn = torch.tensor([[0.5, -1.2, 2.0, 0.1], [0.3, 0.7, -0.4, 1.9], [1.0, 1.0, 2.5, -3.0]], requires_grad=True)
g = torch.tensor([1.5, 0.5, -1.0, 2.0], requires_grad=True); bb = torch.tensor([0.1,0.2,0.3,0.4], requires_grad=True)
y = F.layer_norm(xn, [4], g, bb, 1e-5); p("ln.y", y); (y * torch.arange(12.).reshape(3,4)).sum().backward(); p("ln.gx", xn.grad); p("ln.gw", g.grad)
xn.grad = None
rm = torch.zeros(4); rv = torch.ones(4)
y = F.batch_norm(xn, rm, rv, g, bb, True, 0.1, 1e-5); p("bn.y", y); p("bn.rm", rm); p("bn.rv", rv)
(y * torch.arange(12.).reshape(3,4)).sum().backward(); p("bn.gx", xn.grad)
y = F.batch_norm(xn, rm, rv, None, None, False, 0.1, 1e-5); p("bn.eval", y)
# embedding / onehot
W = torch.arange(8.).reshape(4,2).requires_grad_(True)
idx = torch.tensor([[0, 3], [3, 1]])
e = F.embedding(idx, W); p("emb", e); e.sum().backward(); p("emb.gw", W.grad)
p("onehot", F.one_hot(torch.tensor([2, 0]), 4))
# attention
q = torch.arange(2*3*4, dtype=torch.float64).reshape(2,3,4).mul(0.1).sin().requires_grad_(True)
k = torch.arange(2*5*4, dtype=torch.float64).reshape(2,5,4).mul(0.2).cos()
v = torch.arange(2*5*2, dtype=torch.float64).reshape(2,5,2).mul(0.3).sin()
a = F.scaled_dot_product_attention(q, k, v, is_causal=True); p("sdpa.causal", a)
a.sum().backward(); p("sdpa.gq", q.grad)
mask = torch.tensor([[True, False, True, True, False]]*3)
p("sdpa.bool", F.scaled_dot_product_attention(q, k, v, attn_mask=mask))
# losses
lg = torch.tensor([[1.0, 2.0, 0.5], [0.1, -1.0, 3.0], [2.0, 2.0, 2.0], [0.0, 1.0, -1.0]], requires_grad=True)
t = torch.tensor([1, 2, 0, -100])
l = F.cross_entropy(lg, t); p("ce", l)
l = F.cross_entropy(lg, torch.tensor([1, 2, 0, 1]), label_smoothing=0.2, ignore_index=2); p("ce.ls", l); l.backward(); p("ce.ls.g", lg.grad)
probs = torch.tensor([[0.2, 0.3, 0.5]]*4)
p("ce.prob", F.cross_entropy(lg, probs)); p("ce.prob.ls", F.cross_entropy(lg, probs, label_smoothing=0.1))
p("ce.1d", F.cross_entropy(torch.tensor([1.0, 2.0, 0.5]), torch.tensor(2)))
p("nll", F.nll_loss(lg.log_softmax(1), torch.tensor([1, 2, 0, 1])))
a_ = torch.tensor([0.5, -1.0, 2.0, 0.2]); b_ = torch.tensor([0.0, 0.5, 0.5, 0.3])
p("mse", F.mse_loss(a_, b_)); p("l1", F.l1_loss(a_, b_)); p("sl1", F.smooth_l1_loss(a_, b_, beta=0.5))
pp = torch.tensor([0.1, 0.9, 0.5, 0.999]); tt = torch.tensor([0.0, 1.0, 0.3, 0.0])
p("bce", F.binary_cross_entropy(pp, tt)); p("bcel", F.binary_cross_entropy_with_logits(a_, tt))

# ---------------------------------------------------------------- ref4.py
def p(name, t):
    print(name, t.detach().flatten().tolist(), tuple(t.shape), t.dtype)
A = torch.tensor([[4.0, 1.0, 2.0], [1.0, 3.0, 0.5], [2.0, 0.5, 5.0]], requires_grad=True)
B = torch.tensor([[1.0, 0.0], [2.0, 1.0], [-1.0, 3.0]])
d = torch.linalg.det(A); p("det", d); d.backward(); p("det.g", A.grad); A.grad=None
s, l = torch.linalg.slogdet(A); p("slogdet", torch.stack([s, l]))
X = torch.linalg.solve(A, B); p("solve", X); X.sum().backward(); p("solve.gA", A.grad); A.grad=None
p("solvevec", torch.linalg.solve(A, torch.tensor([1.0, 2.0, 3.0])))
p("inv", torch.linalg.inv(A))
L = torch.linalg.cholesky(A); p("chol", L); L.sum().backward(); p("chol.g", A.grad); A.grad=None
ev, V = torch.linalg.eigh(A); p("eigh", ev); ev.sum().backward(); p("eigh.g", A.grad); A.grad=None
M = torch.tensor([[1.0, 2.0, 0.5], [-1.0, 0.3, 2.0]], requires_grad=True)
S = torch.linalg.svdvals(M); p("svdvals", S); S.sum().backward(); p("svdvals.g", M.grad)
Q, R = torch.linalg.qr(M.detach().T); p("qr.r", R)
p("det.sing", torch.linalg.det(torch.tensor([[1.0, 2.0], [2.0, 4.0]])))
print(torch.linalg.slogdet(torch.tensor([[1.0, 2.0], [2.0, 4.0]])))

# ---------------------------------------------------------------- ref6.py
def p(name, t): print(name, t.detach().flatten().tolist())
a = torch.arange(12, dtype=torch.float32).reshape(3, 4).mul(0.37).sin().requires_grad_(True)
b = torch.arange(8, dtype=torch.float32).reshape(4, 2).mul(0.21).cos()
y = (a @ b).softmax(1).log1p().sum() + F.layer_norm(a, [4]).mul(a).sum() + F.gelu(a).pow(2).mean()
y.backward()
p("f32.y", y); p("f32.g", a.grad)
print(y.dtype, a.grad.dtype)

# ---------------------------------------------------------------- ref7.py
def run(make, n=8):
    w = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([w], lr=0.1)
    ss = make(opt)
    out = [round(opt.param_groups[0]['lr'], 15)]
    for i in range(n):
        opt.step()
        for s in ss: s.step()
        out.append(opt.param_groups[0]['lr'])
    return out, [s.get_last_lr()[0] for s in ss]
print("linear+lambda", run(lambda o: [torch.optim.lr_scheduler.LinearLR(o, 0.5, 1.0, 4), torch.optim.lr_scheduler.LambdaLR(o, lambda e: 1.0)]))
print("linear+cos", run(lambda o: [torch.optim.lr_scheduler.LinearLR(o, 0.5, 1.0, 4), torch.optim.lr_scheduler.CosineAnnealingLR(o, 4, 0.0)], 12))
print("step+linear", run(lambda o: [torch.optim.lr_scheduler.StepLR(o, 2, 0.5), torch.optim.lr_scheduler.LinearLR(o, 0.5, 1.0, 4)]))

# ---------------------------------------------------------------- pow at a zero base
e = torch.tensor([-1., 0, 2], requires_grad=True); torch.zeros(3).pow(e).sum().backward(); print("pow.e.grad", e.grad.tolist())
b = torch.zeros(3, requires_grad=True); b.pow(torch.tensor([-1, 0, 0.5])).sum().backward(); print("pow.b.grad", b.grad.tolist())
a = torch.tensor([[0.], [2.]], requires_grad=True); ex = torch.tensor([-1., 0, 1], requires_grad=True)
a.pow(ex).sum().backward(); print("pow.broadcast.ex.grad", ex.grad.tolist())
# ---------------------------------------------------------------- layer printouts
import torch.nn as nn
print(nn.Sequential(nn.LayerNorm(4), nn.BatchNorm1d(3), nn.Embedding(3, 2), nn.GELU(), nn.Flatten(), nn.Identity(),
                    nn.Dropout(0.5), nn.AdaptiveAvgPool2d((1, 1))))
