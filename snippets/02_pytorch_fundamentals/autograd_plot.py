"""Plot a function together with the derivative autograd computes for it.

We evaluate f(x) = sin(x) at 200 points at once. ``backward()`` needs a
single number, so we call it on ``f.sum()``: each point affects only its own
term of the sum, so ``x.grad`` holds f'(x) at every point. We compare it
with the derivative from calculus, cos(x).
"""

# --8<-- [start:plot]
import math

import matplotlib.pyplot as plt
import torch

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

x = torch.linspace(-2 * math.pi, 2 * math.pi, 200, device=device)
x.requires_grad_(True)  # record operations on x from here on
f = torch.sin(x)
f.sum().backward()  # x.grad[i] = d sin(x[i]) / d x[i]

max_error = (x.grad - torch.cos(x)).abs().max().item()
print(f"largest gap between autograd and cos(x): {max_error:.6f}")

# Plotting needs plain CPU numbers: detach from the graph, move, convert
x_np = x.detach().cpu().numpy()
fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(x_np, f.detach().cpu().numpy(), label="f(x) = sin(x)")
ax.plot(x_np, x.grad.cpu().numpy(), "--", label="x.grad from autograd")
ax.plot(
    x_np[::8],
    torch.cos(x).detach().cpu().numpy()[::8],
    "o",
    markersize=4,
    label="cos(x) from calculus",
)
ax.axhline(0, color="grey", linewidth=0.8)
# Where sin(x) peaks, its slope (the gradient) crosses zero
ax.vlines(math.pi / 2, 0, 1, colors="black", linestyles="dotted")
ax.annotate(
    "peak of f: gradient is 0",
    xy=(math.pi / 2, 1),
    xytext=(-1.0, 1.35),
    arrowprops={"arrowstyle": "->"},
)
ax.set_xlabel("x")
ax.set_ylabel("value")
ax.set_title("A function and the gradient autograd computed for it")
ax.set_ylim(-1.75, 1.6)
ax.legend(loc="lower center", ncol=3, fontsize=9)
plt.show()
# --8<-- [end:plot]

assert max_error < 5e-7  # prints as 0.000000
