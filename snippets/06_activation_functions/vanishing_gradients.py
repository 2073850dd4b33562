"""Gradients fade through a deep stack of sigmoids but not of ReLUs.

We build two networks that differ only in their activation: 25 hidden
layers of 64 units each, with sigmoid in one and ReLU in the other. Each
gets the weight initialisation recommended for its activation (Xavier for
sigmoid, He for ReLU). After one backward pass on the same batch we measure
the size (norm) of the gradient that reaches every layer's weights and plot
it on a log scale, layer 1 being the one nearest the input.
"""

import math

import matplotlib.pyplot as plt
import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


# --8<-- [start:build]
depth, width = 25, 64  # 25 hidden layers, each 64 units wide


def make_stack(activation):
    """depth x (Linear + activation), then one Linear giving the output."""
    layers = []
    for _ in range(depth):
        linear = nn.Linear(width, width)
        if activation == "sigmoid":
            nn.init.xavier_normal_(linear.weight)
        else:
            nn.init.kaiming_normal_(linear.weight, nonlinearity="relu")
        nn.init.zeros_(linear.bias)
        act = nn.Sigmoid() if activation == "sigmoid" else nn.ReLU()
        layers += [linear, act]
    layers.append(nn.Linear(width, 1))
    return nn.Sequential(*layers).to(device)


def layer_grad_norms(model, X, y):
    """One forward and backward pass; the weight-gradient norm per layer."""
    loss_fn = nn.MSELoss()
    loss = loss_fn(model(X), y)
    loss.backward()
    hidden = [m for m in model if isinstance(m, nn.Linear)][:depth]
    return [layer.weight.grad.norm().item() for layer in hidden]


X = torch.randn(128, width, device=device)  # one batch of random inputs
y = torch.randn(128, 1, device=device)  # and random targets
norms = {
    name: layer_grad_norms(make_stack(name), X, y)
    for name in ["sigmoid", "ReLU"]
}
# --8<-- [end:build]

# --8<-- [start:report]
print("layer   sigmoid grad   ReLU grad")
for i in [25, 20, 15, 10, 5, 1]:
    s, r = norms["sigmoid"][i - 1], norms["ReLU"][i - 1]
    print(f"{i:5d}   {s:12.1e}   {r:9.1e}")

# How many powers of ten separate the two stacks at layer 1?
orders = math.log10(norms["ReLU"][0] / norms["sigmoid"][0])
print(f"layer 1: ReLU's gradient is {orders:.0f} orders of magnitude larger")
# Average factor by which the sigmoid gradient shrinks per layer going down.
shrink = (norms["sigmoid"][-1] / norms["sigmoid"][0]) ** (1 / (depth - 1))
print(f"sigmoid gradient shrinks about {shrink:.1f}x per layer")
# --8<-- [end:report]

# The page says: about 16 orders of magnitude at layer 1, far more than
# the "many orders of magnitude" the argument needs.
assert orders > 9, orders
assert round(orders) == 16, orders
# ...and a shrink of about 4.5x per layer: sigmoid's slope is at most 0.25,
# so each layer divides the backward signal by 4 or more.
assert 4.0 < shrink < 5.0, shrink
# The figure's description: sigmoid from about 0.3 (layer 25) down to
# about 1e-16 (layer 1).
assert 0.2 < norms["sigmoid"][-1] < 0.4, norms["sigmoid"][-1]
assert round(math.log10(norms["sigmoid"][0])) == -16, norms["sigmoid"][0]
# ReLU's gradients stay within one order of magnitude across all layers.
assert max(norms["ReLU"]) / min(norms["ReLU"]) < 10, norms["ReLU"]

# --8<-- [start:plot]
fig, ax = plt.subplots(figsize=(6, 4))
layer_ids = range(1, depth + 1)
ax.semilogy(layer_ids, norms["sigmoid"], "o-", label="sigmoid")
ax.semilogy(layer_ids, norms["ReLU"], "s-", label="ReLU")
ax.set_xlabel("layer (1 = nearest the input)")
ax.set_ylabel("gradient norm (log scale)")
ax.set_title(f"Gradient reaching each of {depth} layers")
ax.grid(alpha=0.3, which="both")
ax.legend()
plt.show()
# --8<-- [end:plot]
