"""Gradients fade through a deep stack of sigmoids, not of tanh or ReLU.

Four networks share one shape, 25 hidden layers of 64 units, and differ in
activation and starting weights: sigmoid and tanh with Xavier (Glorot)
initialisation, ReLU with He (Kaiming) initialisation, and ReLU with
PyTorch's default nn.Linear start. After one backward pass on the same
batch we measure the size (norm) of the gradient that reaches every
layer's weights and plot it on a log scale, layer 1 being the one nearest
the input.
"""

# --8<-- [start:build]
import math

import matplotlib.pyplot as plt
import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

depth, width = 25, 64  # 25 hidden layers, each 64 units wide
stacks = {  # name: (activation, how the weights start)
    "sigmoid, Xavier": (nn.Sigmoid, "xavier"),
    "tanh, Xavier": (nn.Tanh, "xavier"),
    "ReLU, He": (nn.ReLU, "he"),
    "ReLU, default": (nn.ReLU, "default"),
}


def make_stack(activation, init):
    """depth x (Linear + activation), then one Linear giving the output."""
    layers = []
    for _ in range(depth):
        linear = nn.Linear(width, width)  # PyTorch's default start
        if init == "xavier":
            nn.init.xavier_normal_(linear.weight)
            nn.init.zeros_(linear.bias)
        elif init == "he":
            nn.init.kaiming_normal_(linear.weight, nonlinearity="relu")
            nn.init.zeros_(linear.bias)
        layers += [linear, activation()]
    layers.append(nn.Linear(width, 1))
    return nn.Sequential(*layers).to(device)


def layer_grad_norms(model, X, y):
    """One forward and backward pass; the weight-gradient norm per layer."""
    loss = nn.MSELoss()(model(X), y)
    loss.backward()
    hidden = [m for m in model if isinstance(m, nn.Linear)][:depth]
    return [layer.weight.grad.norm().item() for layer in hidden]


X = torch.randn(128, width).to(device)  # one batch of random inputs
y = torch.randn(128, 1).to(device)  # and random targets
norms = {
    name: layer_grad_norms(make_stack(activation, init), X, y)
    for name, (activation, init) in stacks.items()
}
# --8<-- [end:build]

# --8<-- [start:report]
print("layer" + "".join(f"{name:>17}" for name in stacks))
for i in [25, 20, 15, 10, 5, 1]:
    print(f"{i:5d}" + "".join(f"{norms[n][i - 1]:17.1e}" for n in stacks))

# From layer 25 down to layer 1: the total fall, and the fall per layer
falls = {}
for name in stacks:
    falls[name] = math.log10(norms[name][-1] / norms[name][0])
    per_layer = 10 ** (falls[name] / (depth - 1))
    print(
        f"{name:>15}: falls {falls[name]:4.1f} orders of magnitude, "
        f"{per_layer:.1f}x per layer"
    )
# --8<-- [end:report]

# --8<-- [start:plot]
fig, ax = plt.subplots(figsize=(7, 4.5), layout="constrained")
layer_ids = range(1, depth + 1)
styles = {  # told apart by marker and line style, not only colour
    "sigmoid, Xavier": dict(marker="o", linestyle="-"),
    "tanh, Xavier": dict(marker="^", linestyle="--"),
    "ReLU, He": dict(marker="s", linestyle="-."),
    "ReLU, default": dict(marker="D", linestyle=":"),
}
label_offsets = {  # points from the curve's left end, into empty space
    "sigmoid, Xavier": (10, -4),
    "tanh, Xavier": (0, -16),
    "ReLU, He": (0, 8),
    "ReLU, default": (0, -16),
}
for name, style in styles.items():
    line = ax.semilogy(layer_ids, norms[name], markersize=4, **style)[0]
    ax.annotate(
        name,
        (1, norms[name][0]),
        xytext=label_offsets[name],
        textcoords="offset points",
        color=line.get_color(),
    )
ax.set_xlim(0, depth + 1)
ax.set_xlabel("layer (1 = nearest the input)")
ax.set_ylabel("gradient norm (log scale)")
ax.set_title(f"Gradient reaching each of {depth} layers")
ax.grid(alpha=0.3, which="major")
plt.show()
# --8<-- [end:plot]

# Sigmoid with Xavier: about 0.3 at layer 25, about 1e-16 at layer 1, a
# fall of about 15.6 orders, some 4.5x per layer.
sigmoid = norms["sigmoid, Xavier"]
assert 0.2 < sigmoid[-1] < 0.4, sigmoid[-1]
assert round(math.log10(sigmoid[0])) == -16, sigmoid[0]
assert abs(falls["sigmoid, Xavier"] - 15.6) < 0.3, falls
assert 4.0 < 10 ** (falls["sigmoid, Xavier"] / (depth - 1)) < 5.0, falls
# tanh with the same Xavier start and ReLU with He: within a factor of 10
# across all 25 layers (tanh within 2).
for name in ["tanh, Xavier", "ReLU, He"]:
    assert max(norms[name]) / min(norms[name]) < 10, (name, norms[name])
assert max(norms["tanh, Xavier"]) / min(norms["tanh, Xavier"]) < 2
# ReLU with PyTorch's default start: about 9 orders, some 2.4x per layer,
# from about 0.05 at layer 25 to about 5e-11 at layer 1.
default = norms["ReLU, default"]
assert abs(falls["ReLU, default"] - 9.0) < 0.5, falls
assert 2.2 < 10 ** (falls["ReLU, default"] / (depth - 1)) < 2.6, falls
assert 0.03 < default[-1] < 0.07 and 3e-11 < default[0] < 7e-11, default
# The flat curves: tanh near 0.1, ReLU with He near 1.
assert all(0.05 < v < 0.3 for v in norms["tanh, Xavier"]), norms
assert all(0.3 < v < 3 for v in norms["ReLU, He"]), norms

# The starting variances the chapter compares: Xavier 2 / (n_in + n_out),
# which is 1 / n for a square layer; He 2 / n_in; PyTorch's default
# uniform start 1 / (3 n_in), a sixth of He's.
torch.manual_seed(1)
variances = {}
for init in ["xavier", "he", "default"]:
    linear = nn.Linear(width, width)
    if init == "xavier":
        nn.init.xavier_normal_(linear.weight)
    elif init == "he":
        nn.init.kaiming_normal_(linear.weight, nonlinearity="relu")
    variances[init] = linear.weight.var().item() * width  # in units of 1/n
# "overwrite a weight tensor in place": the same tensor, new values
weight = nn.Linear(width, width).weight
before, storage = weight.detach().clone(), weight.data_ptr()
for init_fn in (nn.init.xavier_normal_, nn.init.kaiming_normal_):
    assert init_fn(weight) is weight and weight.data_ptr() == storage
    assert not torch.equal(weight.detach(), before)
    before = weight.detach().clone()
assert abs(variances["xavier"] - 1) < 0.1, variances
assert abs(variances["he"] - 2) < 0.2, variances
assert abs(variances["default"] - 1 / 3) < 0.04, variances
