"""Check backprop's gradients with finite differences.

Nudge one parameter up by a tiny eps, then down by eps, and measure how the
loss changes: (L(p + eps) - L(p - eps)) / (2 eps) approximates dL/dp. Doing
that for every parameter of the two-layer network gives a gradient that
needs no calculus at all, which we compare with autograd's. A second part
shows why we use central differences and float64, and a third counts
the arithmetic of a forward and a backward pass with FlopCounterMode.
"""

import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


# --8<-- [start:setup]
def net_loss(X, y, W1, b1, W2, b2):
    """Two-layer tanh network, mean squared error (as in the last script)."""
    H = torch.tanh(X @ W1.T + b1)
    return ((H @ W2.T + b2 - y) ** 2).mean()


f64 = torch.float64
X = torch.randn(8, 3, dtype=f64).to(device)
y = torch.randn(8, 1, dtype=f64).to(device)
params = [
    (0.5 * torch.randn(4, 3, dtype=f64)).to(device),  # W1
    (0.1 * torch.randn(4, dtype=f64)).to(device),  # b1
    (0.5 * torch.randn(1, 4, dtype=f64)).to(device),  # W2
    (0.1 * torch.randn(1, dtype=f64)).to(device),  # b2
]
num_params = sum(p.numel() for p in params)
print("parameters:", num_params)
# --8<-- [end:setup]


# --8<-- [start:check]
def numerical_gradient(params, eps=1e-6):
    """Central differences, one parameter entry at a time."""
    grads = []
    for p in params:
        grad = torch.zeros_like(p)
        for i in range(p.numel()):
            old = p.view(-1)[i].item()
            p.view(-1)[i] = old + eps  # nudge up (view shares p's memory)
            loss_up = net_loss(X, y, *params).item()
            p.view(-1)[i] = old - eps  # nudge down
            loss_down = net_loss(X, y, *params).item()
            p.view(-1)[i] = old  # put it back
            grad.view(-1)[i] = (loss_up - loss_down) / (2 * eps)
        grads.append(grad)
    return grads


numeric = torch.cat([g.flatten() for g in numerical_gradient(params)])

leaves = [p.clone().requires_grad_() for p in params]
net_loss(X, y, *leaves).backward()  # one forward and one backward pass
backprop = torch.cat([p.grad.flatten() for p in leaves])

rel_error = (numeric - backprop).norm() / (numeric.norm() + backprop.norm())
print(f"relative error: {rel_error.item():.1e}")
print("forward passes used by finite differences:", 2 * num_params)

# A typical bug: a backward pass that forgot the factor 2 of the MSE
buggy = backprop / 2
bug_error = (numeric - buggy).norm() / (numeric.norm() + buggy.norm())
print(f"relative error of a backward pass without the 2: {bug_error:.3f}")
# --8<-- [end:check]

# --8<-- [start:why]
# One weight, W1[0, 0], three step sizes, three ways to estimate dL/dW1[0,0]
exact = backprop[0].item()


def estimate(eps, dtype, central):
    """Finite-difference estimate of dL/dW1[0, 0] in the given dtype."""
    Xd, yd = X.to(dtype), y.to(dtype)
    ps = [p.to(dtype, copy=True) for p in params]  # copies, not views
    ps[0][0, 0] += eps
    up = net_loss(Xd, yd, *ps).item()
    ps[0][0, 0] -= eps if not central else 2 * eps
    down = net_loss(Xd, yd, *ps).item()
    return (up - down) / (2 * eps) if central else (up - down) / eps


print(" eps     forward f64  central f64  central f32   (relative errors)")
errors = {}
for eps in [1e-2, 1e-4, 1e-6]:
    row = [
        estimate(eps, torch.float64, central=False),
        estimate(eps, torch.float64, central=True),
        estimate(eps, torch.float32, central=True),
    ]
    errors[eps] = [abs(r - exact) / abs(exact) for r in row]
    print(f"{eps:.0e}" + "".join(f"{e:13.1e}" for e in errors[eps]))
# --8<-- [end:why]

# --8<-- [start:cost]
# A modest digit classifier: 784 pixels -> 128 hidden units -> 10 classes
model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
model = model.to(device)
num_big = sum(p.numel() for p in model.parameters())
print(f"parameters: {num_big:,}")
print(f"forward passes for one finite-difference gradient: {2 * num_big:,}")

# Backprop instead: count the arithmetic (floating-point operations,
# FLOPs) of one forward and one backward pass on a batch of 64 images.
images = torch.rand(64, 784).to(device)
labels = torch.randint(0, 10, (64,)).to(device)
with FlopCounterMode(display=False) as counter:
    loss = nn.CrossEntropyLoss()(model(images), labels)
forward_flops = counter.get_total_flops()
with FlopCounterMode(display=False) as counter:
    loss.backward()
backward_flops = counter.get_total_flops()
ratio = backward_flops / forward_flops
print(f"forward pass:  {forward_flops:,} FLOPs")
print(f"backward pass: {backward_flops:,} FLOPs ({ratio:.2f} x forward)")
# --8<-- [end:cost]

assert abs(bug_error - 1 / 3) < 1e-6  # "exactly 1/3"
# "about 6e-11", far under the rule of thumb of 1e-7
assert 3e-11 < rel_error < 1.2e-10, rel_error
assert 2 * num_params == 42

# eps / 100 makes the forward error 100 times smaller at every step.
for big, small in [(1e-2, 1e-4), (1e-4, 1e-6)]:
    assert 50 < errors[big][0] / errors[small][0] < 200
# Central: 10,000 times smaller from 1e-2 to 1e-4 ...
assert 5e3 < errors[1e-2][1] / errors[1e-4][1] < 2e4
# ... but from 1e-4 to 1e-6 rounding takes over: the error falls by less
# than 10 (not 10,000) and stays near 1e-9, even in float64.
assert 1 < errors[1e-4][1] / errors[1e-6][1] < 10
assert 1e-10 < errors[1e-6][1] < 1e-8  # "about 1e-9"
assert errors[1e-4][1] < 1e-8  # "about 4e-9"
assert min(e[2] for e in errors.values()) > 5e-5  # float32: 1e-4 at best
assert errors[1e-6][2] > 0.1  # float32 with a tiny eps: badly wrong

assert num_big == 101_770
assert abs(ratio - 1.01) < 0.005  # "about the same as the forward pass"
# If the images needed a gradient too, each layer would do two products.
images.requires_grad_()
with FlopCounterMode(display=False) as counter:
    loss = nn.CrossEntropyLoss()(model(images), labels)
with FlopCounterMode(display=False) as backward_counter:
    loss.backward()
full_ratio = backward_counter.get_total_flops() / counter.get_total_flops()
assert abs(full_ratio - 2.0) < 1e-9, full_ratio  # "twice the forward"
