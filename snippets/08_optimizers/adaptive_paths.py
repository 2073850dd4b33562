"""RMSprop and Adam on the elongated bowl, next to plain SGD.

The bowl L = 0.5 * theta_1**2 + 5 * theta_2**2 is ten times steeper along
theta_2, so plain SGD's learning rate is capped by that direction (below
0.2) and it zig-zags. RMSprop and Adam divide each coordinate's step by
the root of its own average squared gradient, so both coordinates take
steps of a similar size and the path sets off diagonally. We run 50 steps
of each from (-4, 2), SGD at lr = 0.15 and the adaptive methods at
lr = 0.1, print the final losses and draw the three paths.
"""

import matplotlib.pyplot as plt
import torch

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def bowl(theta):
    """An elongated bowl: steep along theta[1], shallow along theta[0]."""
    return 0.5 * theta[0] ** 2 + 5.0 * theta[1] ** 2


# --8<-- [start:run]
def descend(make_optimizer, num_steps=50):
    """Run an optimizer on the bowl from (-4, 2); return its path."""
    theta = torch.tensor([-4.0, 2.0], device=device, requires_grad=True)
    optimizer = make_optimizer([theta])
    path = [theta.detach().cpu().clone()]
    for _ in range(num_steps):
        optimizer.zero_grad()
        bowl(theta).backward()
        optimizer.step()
        path.append(theta.detach().cpu().clone())
    return torch.stack(path)


optimizers = {
    "SGD, lr 0.15": lambda params: torch.optim.SGD(params, lr=0.15),
    "RMSprop, lr 0.1": lambda params: torch.optim.RMSprop(params, lr=0.1),
    "Adam, lr 0.1": lambda params: torch.optim.Adam(params, lr=0.1),
}
paths = {name: descend(make) for name, make in optimizers.items()}
for name, path in paths.items():
    print(f"{name:16s} loss after 50 steps {bowl(path[-1]).item():.2g}")
for name in ("RMSprop, lr 0.1", "Adam, lr 0.1"):
    moves = paths[name][1:] - paths[name][:-1]  # one row per step
    first = moves[0].tolist()
    largest = moves.abs().max().item()  # of either coordinate, any step
    print(
        f"{name:16s} first step ({first[0]:+.2f}, {first[1]:+.2f}), "
        f"largest move {largest:.2f}"
    )
# --8<-- [end:run]

# --8<-- [start:plot]
t1, t2 = torch.meshgrid(
    torch.linspace(-4.5, 1, 221), torch.linspace(-1.2, 2.3, 141), indexing="xy"
)
surface = bowl(torch.stack([t1, t2]))
levels = [0.1, 0.5, 1, 2, 4, 8, 16, 32]  # loss values to draw lines at
# Viridis without its palest yellow, so every contour shows on white.
colors = [plt.cm.viridis(i / 10) for i in range(len(levels))]
fig, ax = plt.subplots(figsize=(7, 4.8), layout="constrained")
ax.contour(t1, t2, surface, levels=levels, colors=colors, alpha=0.7)
styles = {"SGD, lr 0.15": "o-", "RMSprop, lr 0.1": "s:", "Adam, lr 0.1": "^--"}
for name, path in paths.items():
    ax.plot(path[:, 0], path[:, 1], styles[name], markersize=3, label=name)
ax.plot(-4, 2, "ks", label="start")
ax.plot(0, 0, "k*", markersize=12, label="minimum")
ax.set_aspect("equal")
ax.set_xlabel(r"$\theta_1$")
ax.set_ylabel(r"$\theta_2$")
ax.set_title("50 steps on the bowl: plain SGD, RMSprop and Adam")
ax.legend(loc="upper right", fontsize=8)
plt.show()
# --8<-- [end:plot]

losses = {name: bowl(path[-1]).item() for name, path in paths.items()}
steps = {name: path[1] - path[0] for name, path in paths.items()}
# "both coordinates move by the same amount" on the first step
for name in ("RMSprop, lr 0.1", "Adam, lr 0.1"):
    torch.testing.assert_close(steps[name][0], -steps[name][1])
# "RMSprop's first step is 10 eta", uncorrected; Adam's is eta
assert abs(steps["RMSprop, lr 0.1"][0].item() - 1.0) < 1e-4
assert abs(steps["Adam, lr 0.1"][0].item() - 0.1) < 1e-4
# RMSprop ends lower than plain SGD at its best rate; Adam is still looping
assert losses["RMSprop, lr 0.1"] < losses["SGD, lr 0.15"] / 10
assert losses["Adam, lr 0.1"] > 0.01
assert paths["Adam, lr 0.1"][:, 1].min() < -0.2  # Adam swings past the floor
assert paths["RMSprop, lr 0.1"][:, 1].min() > -1e-6  # RMSprop does not
# "no coordinate by more than eta (0.10)", so the distance
# of 4 along theta_1 takes at least 40 steps; after 50 it is still short.
adam_steps = (paths["Adam, lr 0.1"][1:] - paths["Adam, lr 0.1"][:-1]).abs()
assert adam_steps.max() < 0.1 + 1e-5
assert paths["Adam, lr 0.1"][-1, 0] < -0.1
