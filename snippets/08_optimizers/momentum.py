"""Momentum lets gradient descent build up speed along a shallow valley.

On the elongated bowl L = 0.5 * theta_1**2 + 5 * theta_2**2 we run 50 steps
from (-4, 2) with the same small learning rate, 0.02, twice: plain
torch.optim.SGD, and SGD with momentum=0.9. Plain SGD creeps along the
shallow theta_1 direction; with momentum the steps add up and the path
swings past the minimum, then settles; Nesterov's variant of momentum
(nesterov=True) settles faster still. The figure draws the first two
paths.
"""

import matplotlib.pyplot as plt
import torch

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def bowl(theta):
    """An elongated bowl: steep along theta[1], shallow along theta[0]."""
    return 0.5 * theta[0] ** 2 + 5.0 * theta[1] ** 2


# --8<-- [start:run]
def descend(momentum, nesterov=False, lr=0.02, num_steps=50):
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


plain_path, plain_loss = descend(momentum=0.0)
momentum_path, momentum_loss = descend(momentum=0.9)
_, nesterov_loss = descend(momentum=0.9, nesterov=True)
print(f"plain SGD after 50 steps:      loss = {plain_loss:.4f}")
print(f"SGD + momentum after 50 steps: loss = {momentum_loss:.4f}")
print(f"... with nesterov=True:        loss = {nesterov_loss:.4f}")
# --8<-- [end:run]

assert abs(plain_loss - 1.06) < 0.01, plain_loss  # "about 1.06"
assert abs(momentum_loss - 0.06) < 0.01, momentum_loss  # "about 0.06"
assert abs(nesterov_loss - 0.016) < 0.002, nesterov_loss  # "0.016"

# --8<-- [start:plot]
t1, t2 = torch.meshgrid(
    torch.linspace(-5, 5, 201), torch.linspace(-2.5, 2.5, 201), indexing="xy"
)
fig, ax = plt.subplots(figsize=(7, 4))
levels = [0.1, 0.5, 1, 2, 4, 8, 16, 32]
surface = bowl(torch.stack([t1, t2]))
ax.contour(t1, t2, surface, levels=levels, cmap="viridis", alpha=0.6)
for path, style, label in [
    (plain_path, "o-", "SGD"),
    (momentum_path, "^--", "SGD + momentum"),
]:
    ax.plot(path[:, 0], path[:, 1], style, markersize=3, label=label)
ax.plot(-4, 2, "ks", label="start")
ax.plot(0, 0, "k*", markersize=12, label="minimum")
ax.set_aspect("equal")
ax.set_xlabel(r"$\theta_1$")
ax.set_ylabel(r"$\theta_2$")
ax.set_title("50 steps with and without momentum, lr = 0.02")
ax.legend(loc="upper right", fontsize=8)
fig.tight_layout()
plt.show()
# --8<-- [end:plot]
