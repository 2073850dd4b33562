"""The chain rule on a tiny computation graph, by hand and by autograd.

One neuron with weight w and bias b sees one example (x, y) and is scored
by the squared error L = (w * x + b - y) ** 2. We split that formula into
four small operations, run them forwards, then walk back from the loss and
multiply local derivatives (the chain rule) to get every gradient. A figure
draws the graph with each node's value and gradient, and autograd confirms
the hand-made numbers.
"""

import matplotlib.pyplot as plt
import torch
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

# --8<-- [start:forward]
x, y = 2.0, 10.0  # one example: input and target
w, b = 3.0, 1.0  # the neuron's parameters

# Forward pass: one small operation at a time
u = w * x  # multiply
y_hat = u + b  # add the bias: the prediction
e = y_hat - y  # error
L = e**2  # squared error: the loss
print(f"u = {u}   y_hat = {y_hat}   e = {e}   L = {L}")
# --8<-- [end:forward]

# --8<-- [start:backward]
# Backward pass: start at the loss and go right to left.
# Each line is (gradient arriving from the right) * (local derivative).
dL_dL = 1.0
dL_de = dL_dL * 2 * e  # d(e^2)/de = 2e
dL_dyhat = dL_de * 1.0  # d(y_hat - y)/d(y_hat) = 1
dL_dy = dL_de * -1.0  # d(y_hat - y)/dy = -1
dL_du = dL_dyhat * 1.0  # d(u + b)/du = 1
dL_db = dL_dyhat * 1.0  # d(u + b)/db = 1
dL_dw = dL_du * x  # d(w * x)/dw = x
dL_dx = dL_du * w  # d(w * x)/dx = w
print(f"dL/de = {dL_de}   dL/dy_hat = {dL_dyhat}   dL/du = {dL_du}")
print(f"dL/dw = {dL_dw}   dL/db = {dL_db}")
print(f"dL/dx = {dL_dx}   dL/dy = {dL_dy}")
# --8<-- [end:backward]


# --8<-- [start:figure]
def draw_node(ax, xy, name, value, grad, kind):
    """Draw a circle (input) or a box (operation); return (patch, xy)."""
    color = {"input": "#dbe9f6", "op": "#fde7c8", "loss": "#f7c6c5"}[kind]
    if kind == "input":
        patch = Circle(xy, 0.85, fc=color, ec="black")
    else:
        corner = (xy[0] - 1.0, xy[1] - 0.7)
        patch = FancyBboxPatch(
            corner, 2.0, 1.4, boxstyle="round,pad=0.05", fc=color, ec="k"
        )
    ax.add_patch(patch)
    ax.text(xy[0], xy[1] + 0.3, name, ha="center", fontsize=12)
    ax.text(xy[0], xy[1] - 0.1, f"value {value:g}", ha="center")
    ax.text(xy[0], xy[1] - 0.45, f"grad {grad:g}", ha="center", color="C3")
    return patch, xy


def draw_edge(ax, start, end, label, shift):
    """A forward arrow, labelled in red with its local derivative."""
    (patch_a, xy_a), (patch_b, xy_b) = start, end
    arrow = FancyArrowPatch(
        xy_a,
        xy_b,
        patchA=patch_a,
        patchB=patch_b,
        arrowstyle="-|>",
        mutation_scale=15,
        color="black",  # line and head: values flow forward
    )
    ax.add_patch(arrow)
    mid_x = (xy_a[0] + xy_b[0]) / 2 + shift[0]
    mid_y = (xy_a[1] + xy_b[1]) / 2 + shift[1]
    ax.text(mid_x, mid_y, label, ha="center", va="center", color="C3")


plt.rcParams["font.size"] = 11  # legible once scaled to the text width
fig, ax = plt.subplots(figsize=(9.5, 4.4), layout="constrained")
n_w = draw_node(ax, (0, 3.7), "$w$", w, dL_dw, "input")
n_x = draw_node(ax, (0, 0.9), "$x$", x, dL_dx, "input")
n_b = draw_node(ax, (5.0, -0.3), "$b$", b, dL_db, "input")
n_y = draw_node(ax, (8.8, -0.3), "$y$", y, dL_dy, "input")
n_u = draw_node(ax, (3.4, 2.3), "$u = wx$", u, dL_du, "op")
n_p = draw_node(ax, (7.0, 2.3), r"$\hat{y} = u + b$", y_hat, dL_dyhat, "op")
n_e = draw_node(ax, (10.6, 2.3), r"$e = \hat{y} - y$", e, dL_de, "op")
n_L = draw_node(ax, (14.2, 2.3), "$L = e^2$", L, dL_dL, "loss")

draw_edge(ax, n_w, n_u, r"$\partial u/\partial w = x = 2$", (0.2, 0.5))
draw_edge(ax, n_x, n_u, r"$\partial u/\partial x = w = 3$", (0.2, -0.5))
draw_edge(ax, n_u, n_p, r"$\partial \hat{y}/\partial u = 1$", (0, 0.35))
draw_edge(ax, n_b, n_p, r"$\partial \hat{y}/\partial b = 1$", (1.0, 0))
draw_edge(ax, n_p, n_e, r"$\partial e/\partial \hat{y} = 1$", (0, 0.35))
draw_edge(ax, n_y, n_e, r"$\partial e/\partial y = -1$", (1.05, 0))
draw_edge(ax, n_e, n_L, r"$\partial L/\partial e = 2e$", (0, 0.35))

# One long red arrow for the backward pass, above the graph
ax.annotate(
    "",
    xy=(1.0, 4.9),
    xytext=(14.8, 4.9),
    arrowprops=dict(arrowstyle="-|>", color="C3", lw=2),
)
ax.text(
    7.4,
    5.15,
    "backward pass: grad of a node = (grad of the node it "
    "feeds) × (local derivative on the arrow)",
    ha="center",
    color="C3",
)
ax.text(
    7.4,
    -1.6,
    "forward pass: black arrows carry values left to right",
    ha="center",
)
ax.set_xlim(-1.0, 15.4)
ax.set_ylim(-1.9, 5.6)
ax.set_aspect("equal")
ax.axis("off")
ax.set_title("Computation graph of $L = (wx + b - y)^2$")
plt.show()
# --8<-- [end:figure]

# --8<-- [start:autograd]
# The same graph in PyTorch. float64 keeps rounding out of the comparison.
opts = dict(dtype=torch.float64, requires_grad=True)
w_t, b_t = torch.tensor(w, **opts), torch.tensor(b, **opts)
x_t, y_t = torch.tensor(x, **opts), torch.tensor(y, **opts)
loss = (w_t * x_t + b_t - y_t) ** 2
loss.backward()  # autograd walks the same graph backwards

print(f"autograd: dL/dw = {w_t.grad.item()}   dL/db = {b_t.grad.item()}")
print(f"autograd: dL/dx = {x_t.grad.item()}   dL/dy = {y_t.grad.item()}")
by_hand = [dL_dw, dL_db, dL_dx, dL_dy]
by_autograd = [t.grad.item() for t in (w_t, b_t, x_t, y_t)]
print("hand-made gradients match autograd:", by_hand == by_autograd)
# --8<-- [end:autograd]

assert (u, y_hat, e, L) == (6.0, 7.0, -3.0, 9.0)

assert dL_de == dL_du == -6.0

assert by_hand == by_autograd == [-12.0, -6.0, -18.0, 6.0]
assert loss.item() == L == 9.0
