"""Gradient descent as a film: the path grows one step per frame.

The same elongated bowl, L = 0.5 * theta_1**2 + 5 * theta_2**2, start
(-4, 2) and learning rate 0.15 as gradient_descent_2d.py, run for 40
steps with torch.optim.SGD. A matplotlib FuncAnimation then redraws the
path one step per frame, with the step and its loss in the title; on
screen plt.show() plays it, and the site's build saves it as an animated
image.
"""

import matplotlib.pyplot as plt
import torch
from matplotlib.animation import FuncAnimation

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def bowl(theta):
    """An elongated bowl: steep along theta[1], shallow along theta[0]."""
    return 0.5 * theta[0] ** 2 + 5.0 * theta[1] ** 2


theta = torch.tensor([-4.0, 2.0], device=device, requires_grad=True)
optimizer = torch.optim.SGD([theta], lr=0.15)
path, losses = [theta.detach().cpu().clone()], [bowl(theta).item()]
for _ in range(40):
    optimizer.zero_grad()
    bowl(theta).backward()
    optimizer.step()
    path.append(theta.detach().cpu().clone())
    losses.append(bowl(theta).item())
points = torch.stack(path)

# --8<-- [start:animate]
t1, t2 = torch.meshgrid(
    torch.linspace(-5, 5, 201), torch.linspace(-2.5, 2.5, 201), indexing="xy"
)
fig, ax = plt.subplots(figsize=(6, 3.4))
levels = [0.1, 0.5, 1, 2, 4, 8, 16, 32]
ax.contour(t1, t2, bowl(torch.stack([t1, t2])), levels=levels, cmap="viridis")
ax.plot(0, 0, "k*", markersize=12)  # the minimum
(trail,) = ax.plot([], [], "o-", ms=3, color="tab:red")
ax.set_aspect("equal")
ax.set_xlabel(r"$\theta_1$")
ax.set_ylabel(r"$\theta_2$")


def draw_step(step):
    """Show the path up to ``step`` and the loss there."""
    trail.set_data(points[: step + 1, 0], points[: step + 1, 1])
    ax.set_title(f"step {step:2d}: loss {losses[step]:8.4f}")
    return (trail,)


animation = FuncAnimation(fig, draw_step, frames=len(points), interval=100)
plt.show()
# --8<-- [end:animate]

assert len(points) == 41  # the page: "41 frames, one per step"
assert losses[0] == 28.0 and losses[-1] < 1e-4  # as in gradient_descent_2d
