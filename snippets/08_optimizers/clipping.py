"""Gradient clipping keeps one huge gradient from throwing training off.

The loss L = theta**4 / 4 has a slope theta**3 that grows fast away from
its minimum at 0. From theta = 5 the first gradient is 125, and plain SGD
with lr = 0.1 jumps right across the valley to where the slope is steeper
still, then further out on every step. clip_grad_norm_ rescales the
gradient whenever its norm (its length) is above max_norm, keeping its
direction, so no step is longer than lr * max_norm and descent settles.
"""

import math

import torch

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def loss_fn(theta):
    """A valley with steep walls: slope theta**3."""
    return (theta**4 / 4).sum()


# --8<-- [start:clip]
def descend(max_norm=None, lr=0.1, num_steps=100):
    """SGD from theta = 5; return theta and the gradient norm per step."""
    theta = torch.tensor([5.0], device=device, requires_grad=True)
    optimizer = torch.optim.SGD([theta], lr=lr)
    path, norms = [], []
    for _ in range(num_steps):
        optimizer.zero_grad()
        loss_fn(theta).backward()
        if max_norm is not None:
            # Scale the gradient down so that its norm is at most max_norm;
            # the norm it had before is returned.
            norm = torch.nn.utils.clip_grad_norm_([theta], max_norm)
            norms.append(norm.item())
        optimizer.step()
        path.append(theta.item())
    return path, norms


plain, _ = descend()
clipped, norms = descend(max_norm=1.0)
print("theta after steps 1 to 4, and after step 100:")
print("plain SGD:", [f"{t:.4g}" for t in plain[:4]], f"{plain[-1]:.4g}")
print("clipped:  ", [f"{t:.4g}" for t in clipped[:4]], f"{clipped[-1]:.4g}")
print(f"first gradient norm, before clipping: {norms[0]:.0f}")
# --8<-- [end:clip]

assert norms[0] == 125.0  # the slope 5**3
assert not math.isfinite(plain[-1])  # plain SGD blew up
assert [round(t, 4) for t in clipped[:4]] == [4.9, 4.8, 4.7, 4.6]
assert abs(clipped[-1]) < 0.5, clipped[-1]  # clipped SGD settles near 0
