"""Too small, about right, too large: three learning rates on one bowl.

The same elongated bowl as before, L = 0.5 * theta_1**2 + 5 * theta_2**2,
the same start (-4, 2) and the same 30 steps of torch.optim.SGD; only the
learning rate changes. A tiny rate crawls, a good one reaches the bottom,
and one just past the limit of this bowl (0.2) overshoots further on
every step and diverges. Three contour panels show the three paths, and
a second figure the loss at every step.
"""

from itertools import pairwise

import matplotlib.pyplot as plt
import torch

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def bowl(theta):
    """An elongated bowl: steep along theta[1], shallow along theta[0]."""
    return 0.5 * theta[0] ** 2 + 5.0 * theta[1] ** 2


# --8<-- [start:run]
def descend(lr, start=(-4.0, 2.0), num_steps=30):
    """Run SGD on the bowl; return the path and the loss at each point."""
    theta = torch.tensor(start, device=device, requires_grad=True)
    optimizer = torch.optim.SGD([theta], lr=lr)
    path, losses = [], []
    for _ in range(num_steps):
        optimizer.zero_grad()
        loss = bowl(theta)
        path.append(theta.detach().cpu().clone())
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    path.append(theta.detach().cpu().clone())
    losses.append(bowl(theta).item())
    return torch.stack(path), losses


runs = {"too small": 0.01, "about right": 0.15, "too large": 0.21}
results = {}
for name, lr in runs.items():
    path, losses = descend(lr)
    results[name] = (lr, path, losses)
    print(
        f"lr = {lr:<4} ({name:>11}): loss {losses[0]:.1f} -> "
        f"{losses[-1]:.4g} after {len(losses) - 1} steps"
    )
# --8<-- [end:run]

# --8<-- [start:plot]
t1, t2 = torch.meshgrid(
    torch.linspace(-5, 5, 201), torch.linspace(-4, 4, 201), indexing="xy"
)
surface = bowl(torch.stack([t1, t2]))
levels = [0.5, 2, 8, 16, 32, 64]  # loss values to draw contour lines at
# Viridis without its palest yellow, so every contour shows on white.
colors = [plt.cm.viridis(i / 8) for i in range(len(levels))]
plt.rcParams["font.size"] = 12  # larger text: three small panels
fig, axes = plt.subplots(1, 3, figsize=(9, 3.6), sharey=True)
for ax, (name, (lr, path, _)) in zip(axes, results.items(), strict=True):
    ax.contour(t1, t2, surface, levels=levels, colors=colors, alpha=0.7)
    ax.plot(path[:, 0], path[:, 1], "o-", color="tab:red", markersize=3)
    ax.plot(-4, 2, "ks")
    ax.plot(0, 0, "k*", markersize=12)
    ax.set_xlim(-5, 5)
    ax.set_xticks([-4, 0, 4])
    ax.set_ylim(-4, 4)
    ax.set_xlabel(r"$\theta_1$")
    ax.set_title(f"lr = {lr}: {name}")
axes[0].set_ylabel(r"$\theta_2$")
fig.suptitle("The same 30 steps, three learning rates")
fig.tight_layout()
plt.show()
# --8<-- [end:plot]

# --8<-- [start:loss_curves]
fig, ax = plt.subplots(figsize=(6, 4))
styles = {"too small": "o:", "about right": "s-", "too large": "^--"}
for name, (lr, _, losses) in results.items():
    ax.plot(losses, styles[name], ms=4, label=f"lr = {lr} ({name})")
ax.set_yscale("log")
ax.set_xlabel("step")
ax.set_ylabel("loss (log scale)")
ax.set_title("Loss after each step for the three learning rates")
ax.legend()
fig.tight_layout()
plt.show()
# --8<-- [end:loss_curves]

small, right, large = (results[k][2] for k in runs)
assert abs(small[-1] - 4.4) < 0.1, small[-1]  # "about 4.4"
assert right[-1] < 1e-3, right[-1]  # "below 0.001"
assert large[-1] > 1000, large[-1]  # "over 1,000"
assert all(b > a for a, b in pairwise(large))  # "grows on every step"
