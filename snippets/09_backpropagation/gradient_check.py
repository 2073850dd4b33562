"""Check backprop's gradients with finite differences.

Nudge one parameter up by a tiny eps, then down by eps, and measure how the
loss changes: (L(p + eps) - L(p - eps)) / (2 eps) approximates dL/dp. Doing
that for every parameter of the two-layer network gives a gradient that
needs no calculus at all, which we compare with autograd's. A second part
shows why we use central differences and float64.
"""

import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


# --8<-- [start:setup]
def net_loss(X, y, W1, b1, W2, b2):
    """Two-layer tanh network, mean squared error (as in the last script)."""
    H = torch.tanh(X @ W1.T + b1)
    return ((H @ W2.T + b2 - y) ** 2).mean()


f64 = dict(dtype=torch.float64, device=device)
X, y = torch.randn(8, 3, **f64), torch.randn(8, 1, **f64)
params = [
    0.5 * torch.randn(4, 3, **f64),  # W1
    0.1 * torch.randn(4, **f64),  # b1
    0.5 * torch.randn(1, 4, **f64),  # W2
    0.1 * torch.randn(1, **f64),  # b2
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
assert abs(bug_error - 1 / 3) < 1e-6
assert rel_error < 1e-6  # the usual bar
assert rel_error < 1e-9  # the page: this check does far better
assert 2 * num_params == 42
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

# The page's claims: eps / 100 makes the forward error 100 times smaller
# and the central error 10,000 times smaller; float32 never gets close.
fwd_ratio = errors[1e-2][0] / errors[1e-4][0]
central_ratio = errors[1e-2][1] / errors[1e-4][1]
assert 50 < fwd_ratio < 200 and 5e3 < central_ratio < 2e4
assert min(e[1] for e in errors.values()) < 1e-8
assert min(e[2] for e in errors.values()) > 5e-5  # about 1e-4 at best
assert errors[1e-6][2] > 0.1  # float32 with a tiny eps: badly wrong
# --8<-- [end:why]

# --8<-- [start:cost]
# A modest digit classifier: 784 pixels -> 128 hidden units -> 10 classes
model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
num_big = sum(p.numel() for p in model.parameters())
print(f"parameters: {num_big:,}")
print(f"forward passes for one finite-difference gradient: {2 * num_big:,}")
print("backprop: 1 forward pass + 1 backward pass")
assert num_big == 101_770
# --8<-- [end:cost]
