"""Writes the small-CNN fixture that nn/CnnFixtureTest reproduces.

Run from the repository root with PyTorch 2.x and safetensors:
    python src/test/python/cnn_fixture.py
It writes src/test/resources/fixtures/cnn-bn-{f64,f32}.safetensors (the model's state_dict after
three SGD steps, so the batch norm buffers are not at their initial values; the input is stored in
the same file under "input") and cnn-bn-expected.json (outputs in train and eval mode, the loss and
its gradients, and the running statistics after one more training forward, for both dtypes).
"""
import json
import torch
import torch.nn as nn
from safetensors.torch import save_file

torch.manual_seed(0)
OUT = "src/test/resources/fixtures/"


def model():
    return nn.Sequential(
        nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(4, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(8 * 2 * 2, 3))


expected = {}
base = model().double()
x64 = torch.randn(5, 1, 8, 8, dtype=torch.float64)
y = torch.tensor([0, 2, 1, 2, 0])
opt = torch.optim.SGD(base.parameters(), lr=0.1)
for _ in range(3):
    opt.zero_grad()
    nn.functional.cross_entropy(base(x64), y).backward()
    opt.step()

for dtype, tag in ((torch.float64, "f64"), (torch.float32, "f32")):
    m = model()
    m.load_state_dict({k: v.clone() for k, v in base.state_dict().items()})
    m = m.to(dtype)
    x = x64.to(dtype)
    state = {k: v.contiguous() for k, v in m.state_dict().items()}
    state["input"] = x
    save_file(state, OUT + "cnn-bn-" + tag + ".safetensors")
    m.eval()
    with torch.no_grad():
        eval_out = m(x)
    m.train()
    out = m(x)
    loss = nn.functional.cross_entropy(out, y)
    loss.backward()
    expected[tag] = {
        "eval_output": eval_out.flatten().tolist(),
        "train_output": out.detach().flatten().tolist(),
        "loss": loss.item(),
        "grads": {k: p.grad.flatten().tolist() for k, p in m.named_parameters()},
        "buffers_after": {k: b.flatten().tolist() for k, b in m.named_buffers()},
    }
expected["targets"] = y.tolist()
expected["torch"] = torch.__version__
with open(OUT + "cnn-bn-expected.json", "w") as f:
    json.dump(expected, f, indent=1)
