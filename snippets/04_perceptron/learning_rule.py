"""Rosenblatt's learning rule finds weights for AND and OR by itself.

Both gates start from the same small random weights. The rule visits the
four examples one at a time and, after each mistake, nudges the weights by
w <- w + lr * (y - y_hat) * x and b <- b + lr * (y - y_hat). Training stops
after the first epoch (pass over the data) without a mistake. The figure
draws the decision boundary after every epoch, faded to solid.
"""

# --8<-- [start:rule]
import itertools
import math

import matplotlib.pyplot as plt
import torch

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def step(z):
    """1.0 where z > 0, else 0.0."""
    return (z > 0).float()


def train_perceptron(X, y, w, b, lr, num_epochs):
    """Apply the perceptron rule, one example at a time.

    Returns the final weights and bias, the (w, b) pair after every epoch
    (starting with the initial one) and the number of mistakes per epoch.
    """
    history = [(w, b)]
    errors_per_epoch = []
    for _ in range(num_epochs):  # one epoch = one pass over X
        errors = 0
        for x_i, y_i in zip(X, y):
            y_hat = step(w @ x_i + b)  # predict one example
            error = y_i - y_hat  # 0 if right, +1 or -1 if wrong
            w = w + lr * error * x_i  # the perceptron learning rule
            b = b + lr * error
            errors += int(error.item() != 0)
        history.append((w, b))
        errors_per_epoch.append(errors)
        if errors == 0:  # a whole pass without a mistake: done
            break
    return w, b, history, errors_per_epoch


# --8<-- [end:rule]

# --8<-- [start:train]
X = torch.tensor(
    [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], device=device
)
targets = {
    "AND": torch.tensor([0.0, 0.0, 0.0, 1.0], device=device),
    "OR": torch.tensor([0.0, 1.0, 1.0, 1.0], device=device),
}
# Small random starting weights, drawn on the CPU so every device
# starts from the same numbers.
w_start = (0.5 * torch.randn(2)).to(device)
b_start = (0.5 * torch.randn(())).to(device)
lr = 0.2
num_epochs = 20

histories = {}
results = {}
for name, y in targets.items():
    w, b, history, errors = train_perceptron(
        X, y, w_start, b_start, lr, num_epochs
    )
    histories[name] = history
    results[name] = (w.tolist(), b.item(), len(errors))
    print(f"{name}: mistakes per epoch {errors}")
    print(
        f"  no mistakes in epoch {len(errors)}; "
        f"w = [{w[0]:.2f}, {w[1]:.2f}], b = {b:.2f}"
    )
    # Are all four points now on the correct side of the line?
    print("  all four right:", torch.equal(step(X @ w + b), y))
# --8<-- [end:train]


# --8<-- [start:plot]
def exits(w, b, lo=-0.5, hi=1.5):
    """Points where the line w1*x1 + w2*x2 + b = 0 leaves the plotted square."""
    points = []
    for edge in (lo, hi):
        x1 = -(w[1] * edge + b) / w[0]  # where it crosses x2 = edge
        x2 = -(w[0] * edge + b) / w[1]  # where it crosses x1 = edge
        points += [(x1.item(), edge), (edge, x2.item())]
    return [(p, q) for p, q in points if lo <= p <= hi and lo <= q <= hi]


def label_spots(exit_lists):
    """One exit per line to number it at, as clear of the others as can be.

    Tries every choice of one exit per line. Each label's gaps are its
    distances to where the other lines leave the plot (their labels among
    them); the choice kept has the widest smallest gap, then the widest
    next-smallest one, and so on.
    """

    def gaps(choice):
        return sorted(
            math.dist(spot, q)
            for k, spot in enumerate(choice)
            for j, others in enumerate(exit_lists)
            if j != k
            for q in others
        )

    return max(itertools.product(*exit_lists), key=gaps)


between = "after epoch k (dotted, numbered k)"  # the lines in between
fig, axes = plt.subplots(1, 2, figsize=(8, 4.6), layout="constrained")
points = X.cpu()
grid = torch.linspace(-0.5, 1.5, 201)
gx1, gx2 = torch.meshgrid(grid, grid, indexing="xy")
for ax, (name, y) in zip(axes, targets.items()):
    # The last epoch had no mistakes, so it left the line where it was.
    lines = [(w.cpu(), b.cpu()) for w, b in histories[name][:-1]]
    # Shade the region where the final perceptron outputs 1.
    w, b = lines[-1]
    region = step(gx1 * w[0] + gx2 * w[1] + b)
    ax.contourf(
        gx1, gx2, region, levels=[0.5, 1.5], colors=["tab:orange"], alpha=0.2
    )
    # One line per epoch, dark to light, numbered where it leaves the plot.
    colors = plt.cm.viridis(torch.linspace(0.0, 0.75, len(lines)).tolist())
    spots = label_spots([exits(w, b) for w, b in lines])
    for k, (w, b) in enumerate(lines):
        if k == 0:
            style = dict(linestyle="--", linewidth=2, label="start (epoch 0)")
        elif k == len(lines) - 1:
            style = dict(linestyle="-", linewidth=3, label="final line")
        else:
            style = dict(linestyle=":", linewidth=2, label=between)
        x1 = torch.tensor([-0.5, 1.5])
        ax.plot(x1, -(w[0] * x1 + b) / w[1], color=colors[k], **style)
        box = dict(boxstyle="circle", facecolor="white", edgecolor=colors[k])
        ax.annotate(str(k), spots[k], ha="center", va="center", bbox=box)
    y = y.cpu()
    dots = dict(s=120, edgecolors="k", zorder=3)  # on top of lines
    ax.scatter(*points[y == 1].T, c="tab:orange", label="target 1", **dots)
    ax.scatter(*points[y == 0].T, c="white", label="target 0", **dots)
    ax.set_xlim(-0.5, 1.5)
    ax.set_ylim(-0.5, 1.5)
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title(f"{name}: line after each epoch k", pad=14)
# One shared legend under both panels (labels repeat, so dedupe them).
handles, labels = axes[0].get_legend_handles_labels()
unique = dict(zip(labels, handles))
fig.legend(unique.values(), unique.keys(), loc="outside lower center", ncol=3)
plt.show()
# --8<-- [end:plot]


# --8<-- [start:order]
# The same four examples, the same start: only the visiting order changes.
epochs_needed = {}
for name, y in targets.items():
    epochs_needed[name] = set()
    for order in itertools.permutations(range(4)):
        order = list(order)  # e.g. [2, 0, 3, 1]
        # X[order]: the rows of X in that order (indexing with a list)
        _, _, _, errors = train_perceptron(
            X[order], y[order], w_start, b_start, lr, num_epochs
        )
        epochs_needed[name].add(len(errors))
    print(f"{name}: over all 24 orders, {sorted(epochs_needed[name])} epochs")
# --8<-- [end:order]


# Checks of the numbers the chapter states.
for name, y in targets.items():  # every final line separates the points
    w, b = histories[name][-1]
    assert torch.equal(step(X @ w + b), y), name
w_and, b_and, epochs_and = results["AND"]
w_or, b_or, epochs_or = results["OR"]
assert epochs_and == 5 and epochs_or == 4, results
assert abs(w_and[0] - 0.77) < 0.01 and abs(w_and[1] - 0.45) < 0.01
assert abs(b_and - (-1.09)) < 0.01, b_and
assert abs(w_or[0] - 0.97) < 0.01 and abs(w_or[1] - 0.45) < 0.01
assert abs(b_or - (-0.29)) < 0.01, b_or

# AND takes 4 or 5 epochs, OR 3 or 4, depending on the order alone.
assert epochs_needed == {"AND": {4, 5}, "OR": {3, 4}}, epochs_needed


def crossing(w, b, x2):
    """x1 where the line w1*x1 + w2*x2 + b = 0 meets the height x2."""
    return (-(w[1] * x2 + b) / w[0]).item()


# Where the lines leave the plot, as the figure's description says: the
# start near (1.3, -0.5), AND's final line from about (0.5, 1.5) to the
# right edge, OR's final line to about (0.55, -0.5).
assert abs(crossing(w_start.cpu(), b_start.cpu(), -0.5) - 1.3) < 0.05
w, b = histories["AND"][-1]
assert abs(crossing(w.cpu(), b.cpu(), 1.5) - 0.5) < 0.06
assert crossing(w.cpu(), b.cpu(), -0.5) > 1.5  # leaves by the right edge
w, b = histories["OR"][-1]
assert abs(crossing(w.cpu(), b.cpu(), -0.5) - 0.55) < 0.05
assert crossing(w.cpu(), b.cpu(), 1.5) < -0.35  # near the top-left corner
