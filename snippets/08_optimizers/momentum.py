"""Momentum: speed along a shallow valley, and damping of zig-zags.

On the elongated bowl L = 0.5 * theta_1**2 + 5 * theta_2**2 we run 50 steps
of torch.optim.SGD from (-4, 2) at two learning rates. At lr = 0.02 plain
SGD never crosses the valley floor (each step multiplies theta_2 by
1 - 10 * lr = 0.8) and crawls along theta_1; momentum=0.9 builds up speed
there, swings past the minimum on its own and settles, and Nesterov's
variant settles faster still. At lr = 0.18 the factor is -0.8, so plain
SGD crosses the floor on every step; momentum=0.5 lets those alternating
gradients partly cancel and reaches the minimum far sooner. We count how
often theta_2 changes sign, and draw both pairs of paths.
"""

import matplotlib.pyplot as plt
import torch

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def bowl(theta):
    """An elongated bowl: steep along theta[1], shallow along theta[0]."""
    return 0.5 * theta[0] ** 2 + 5.0 * theta[1] ** 2


# --8<-- [start:run]
def descend(lr, momentum, nesterov=False, num_steps=50):
    """Run SGD on the bowl from (-4, 2); return the path and final loss."""
    theta = torch.tensor([-4.0, 2.0], device=device, requires_grad=True)
    optimizer = torch.optim.SGD(
        [theta], lr=lr, momentum=momentum, nesterov=nesterov
    )
    path = [theta.detach().cpu().clone()]
    for _ in range(num_steps):
        optimizer.zero_grad()
        loss = bowl(theta)
        loss.backward()
        optimizer.step()
        path.append(theta.detach().cpu().clone())
    return torch.stack(path), bowl(theta).item()


def floor_crossings(path):
    """How often theta_2 changed sign: crossings of the valley floor."""
    signs = torch.sign(path[:, 1])
    return int((signs[1:] != signs[:-1]).sum())


runs = {
    "lr 0.02, plain": (0.02, 0.0, False),
    "lr 0.02, momentum 0.9": (0.02, 0.9, False),
    "lr 0.02, nesterov": (0.02, 0.9, True),
    "lr 0.18, plain": (0.18, 0.0, False),
    "lr 0.18, momentum 0.5": (0.18, 0.5, False),
}
paths, losses, crossings = {}, {}, {}
for name, (lr, momentum, nesterov) in runs.items():
    paths[name], losses[name] = descend(lr, momentum, nesterov)
    crossings[name] = floor_crossings(paths[name])
    print(
        f"{name:22s} loss after 50 steps {losses[name]:.3g}, "
        f"floor crossed {crossings[name]:2d} times"
    )
# --8<-- [end:run]

# --8<-- [start:plot]
t1, t2 = torch.meshgrid(
    torch.linspace(-5, 5, 201), torch.linspace(-2.5, 2.5, 201), indexing="xy"
)
surface = bowl(torch.stack([t1, t2]))
levels = [0.1, 0.5, 1, 2, 4, 8, 16, 32]
# Viridis without its palest yellow, so every contour shows on white.
colors = [plt.cm.viridis(i / 10) for i in range(len(levels))]
fig, axes = plt.subplots(2, 1, figsize=(7, 7.5), layout="constrained")
panels = [
    ("lr = 0.02: plain SGD crawls", "lr 0.02, plain", "lr 0.02, momentum 0.9"),
    (
        "lr = 0.18: plain SGD zig-zags",
        "lr 0.18, plain",
        "lr 0.18, momentum 0.5",
    ),
]
for ax, (title, plain, heavy) in zip(axes, panels, strict=True):
    ax.contour(t1, t2, surface, levels=levels, colors=colors, alpha=0.7)
    for name, style in [(plain, "o-"), (heavy, "^--")]:
        path = paths[name]
        ax.plot(path[:, 0], path[:, 1], style, markersize=3, label=name)
    ax.plot(-4, 2, "ks", label="start")
    ax.plot(0, 0, "k*", markersize=12, label="minimum")
    ax.set_aspect("equal")
    ax.set_xlabel(r"$\theta_1$")
    ax.set_ylabel(r"$\theta_2$")
    ax.set_title(f"50 steps, {title}")
    ax.legend(loc="upper right", fontsize=8)
plt.show()
# --8<-- [end:plot]

assert abs(losses["lr 0.02, plain"] - 1.06) < 0.01  # "about 1.06"
assert abs(losses["lr 0.02, momentum 0.9"] - 0.06) < 0.01  # "about 0.06"
assert abs(losses["lr 0.02, nesterov"] - 0.016) < 0.002  # "0.016"
assert crossings["lr 0.02, plain"] == 0  # plain SGD never zig-zags here
assert crossings["lr 0.02, momentum 0.9"] >= 5  # momentum's own swings
assert crossings["lr 0.18, plain"] == 50  # "on every step"
# "about half as often", and a loss more than a million times lower
assert 20 <= crossings["lr 0.18, momentum 0.5"] <= 32
assert losses["lr 0.18, momentum 0.5"] < 1e-6 * losses["lr 0.18, plain"]
# Alt text: momentum at lr 0.02 overshoots to theta_1 of about 1.2 and
# dips to theta_2 of about -1.4.
assert 1.0 < paths["lr 0.02, momentum 0.9"][:, 0].max() < 1.4
assert -1.6 < paths["lr 0.02, momentum 0.9"][:, 1].min() < -1.2
assert -1.6 < paths["lr 0.02, plain"][-1, 0] < -1.3  # "around -1.5"
