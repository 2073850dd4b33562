"""Gradient descent walks downhill on a two-parameter loss surface.

The loss is an elongated bowl, L(theta) = 0.5 * theta_1**2 + 5 * theta_2**2,
ten times steeper along theta_2 than along theta_1, with its minimum (loss 0)
at (0, 0). We start at (-4, 2), take 40 steps of
theta <- theta - lr * grad L(theta), first written out by hand with
autograd and then with torch.optim.SGD, which must give the same path.
The figure draws the contour lines of the bowl and the path taken.
"""

import matplotlib.pyplot as plt
import torch

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


# --8<-- [start:by_hand]
def bowl(theta):
    """An elongated bowl: steep along theta[1], shallow along theta[0]."""
    return 0.5 * theta[0] ** 2 + 5.0 * theta[1] ** 2


start = [-4.0, 2.0]
lr = 0.15
num_steps = 40

theta = torch.tensor(start, device=device, requires_grad=True)
path = [theta.detach().cpu().clone()]
for step in range(num_steps):
    loss = bowl(theta)
    if step < 3:
        print(
            f"step {step}: theta = ({theta[0]:.3f}, {theta[1]:.3f}), "
            f"loss = {loss.item():.4f}"
        )
    loss.backward()  # fills theta.grad with the gradient of the loss
    with torch.no_grad():  # the update itself is not part of the model
        theta -= lr * theta.grad  # theta <- theta - lr * grad
    theta.grad.zero_()  # backward() adds up gradients, so clear them
    path.append(theta.detach().cpu().clone())

final_loss = bowl(theta).item()
print(
    f"step {num_steps}: theta = ({theta[0]:.3f}, {theta[1]:.3f}), "
    f"loss = {final_loss:.6f}"
)
# --8<-- [end:by_hand]

# --8<-- [start:with_optim]
theta = torch.tensor(start, device=device, requires_grad=True)
optimizer = torch.optim.SGD([theta], lr=lr)
optim_path = [theta.detach().cpu().clone()]
for _ in range(num_steps):
    optimizer.zero_grad()  # clear old gradients
    loss = bowl(theta)
    loss.backward()  # compute new gradients
    optimizer.step()  # theta <- theta - lr * theta.grad
    optim_path.append(theta.detach().cpu().clone())

same = torch.allclose(torch.stack(path), torch.stack(optim_path))
print(f"same path as the hand-written loop: {same}")
# --8<-- [end:with_optim]

# --8<-- [start:plot]
t1, t2 = torch.meshgrid(
    torch.linspace(-5, 5, 201), torch.linspace(-2.5, 2.5, 201), indexing="xy"
)
surface = bowl(torch.stack([t1, t2]))
points = torch.stack(path)

fig, ax = plt.subplots(figsize=(7, 4.4), layout="constrained")
levels = [0.1, 0.5, 1, 2, 4, 8, 16, 32]  # loss values to draw lines at
# Viridis without its palest yellow, so every contour shows on white.
colors = [plt.cm.viridis(i / 10) for i in range(len(levels))]
contours = ax.contour(t1, t2, surface, levels=levels, colors=colors)
ax.clabel(contours, fontsize=7)
label = f"gradient descent, lr = {lr}"
ax.plot(points[:, 0], points[:, 1], "o-", ms=3, color="tab:red", label=label)
ax.plot(*start, "ks", label="start")
ax.plot(0, 0, "k*", markersize=12, label="minimum")
ax.set_aspect("equal")
ax.set_xlabel(r"$\theta_1$")
ax.set_ylabel(r"$\theta_2$")
ax.set_title("Gradient descent on an elongated bowl")
# Below the axes, where it hides no contour label.
fig.legend(loc="outside lower center", ncol=3, fontsize=8)
plt.show()
# --8<-- [end:plot]

assert bowl(torch.tensor(start)).item() == 28.0  # "28 at the start"
assert final_loss < 1e-4, final_loss  # "below 0.0001"

assert same
