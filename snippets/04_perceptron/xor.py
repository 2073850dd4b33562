"""The same rule on XOR never finishes: no line separates the classes.

XOR outputs 1 when exactly one input is 1. The first figure shows the four
points: the two 1s sit on one diagonal, the two 0s on the other. The
perceptron rule from the previous snippet (defined again here, unchanged,
so the file runs alone) then trains for many epochs from the same start,
and the second figure shows that every epoch still contains mistakes.
"""

import matplotlib.pyplot as plt
import torch

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

# --8<-- [start:points]
X = torch.tensor(
    [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], device=device
)
y = torch.tensor([0.0, 1.0, 1.0, 0.0], device=device)  # XOR
# --8<-- [end:points]

# --8<-- [start:points_plot]
fig, ax = plt.subplots(figsize=(5, 5), layout="constrained")
points, labels = X.cpu(), y.cpu()
dots = dict(s=150, edgecolors="k", zorder=3)  # on top of lines
ax.scatter(*points[labels == 1].T, c="tab:orange", label="target 1", **dots)
ax.scatter(*points[labels == 0].T, c="white", label="target 0", **dots)
for (x1, x2), target in zip(points.tolist(), labels.tolist()):
    ax.annotate(
        f"({x1:.0f}, {x2:.0f}) -> {target:.0f}",
        (x1, x2),
        xytext=(0, -22),
        textcoords="offset points",
        ha="center",
    )
ax.set_xlim(-0.5, 1.5)
ax.set_ylim(-0.5, 1.5)
ax.set_aspect("equal")
ax.set_xlabel("$x_1$")
ax.set_ylabel("$x_2$")
ax.set_title("XOR: the 1s and the 0s sit on opposite diagonals")
ax.legend(loc="upper right")
plt.show()
# --8<-- [end:points_plot]


def step(z):
    """1.0 where z > 0, else 0.0."""
    return (z > 0).float()


def train_perceptron(X, y, w, b, lr, num_epochs):
    """The perceptron rule, exactly as in learning_rule.py."""
    history = [(w, b)]
    errors_per_epoch = []
    for _ in range(num_epochs):  # one epoch = one pass over X
        errors = 0
        for x_i, y_i in zip(X, y):
            y_hat = step(w @ x_i + b)
            error = y_i - y_hat
            w = w + lr * error * x_i
            b = b + lr * error
            errors += int(error.item() != 0)
        history.append((w, b))
        errors_per_epoch.append(errors)
        if errors == 0:
            break
    return w, b, history, errors_per_epoch


# --8<-- [start:train]
torch.manual_seed(0)  # the seed of the AND and OR run: the same start
w_start = (0.5 * torch.randn(2)).to(device)
b_start = (0.5 * torch.randn(())).to(device)
lr = 0.2
num_epochs = 50

w, b, history, errors = train_perceptron(
    X, y, w_start, b_start, lr, num_epochs
)
print(f"Epochs run: {len(errors)} (no epoch was free of mistakes)")
print(f"Mistakes in epochs 1-15: {errors[:15]}")
print(f"Fewest mistakes in any epoch: {min(errors)}")
# Compare the weights at the end of the last two epochs.
w_prev, b_prev = history[-2]
w_last, b_last = history[-1]
for k, w_k, b_k in [(49, w_prev, b_prev), (50, w_last, b_last)]:
    print(f"After epoch {k}: w = [{w_k[0]:.2f}, {w_k[1]:.2f}], b = {b_k:.2f}")
# --8<-- [end:train]

# --8<-- [start:plot]
fig, ax = plt.subplots(figsize=(7, 4), layout="constrained")
epochs = range(1, len(errors) + 1)
ax.plot(epochs, errors, marker="o", markersize=3, color="tab:blue")
ax.axhline(
    0, color="tab:green", linestyle="--", label="zero mistakes (never reached)"
)
ax.set_ylim(-0.3, 4.3)
ax.set_xlabel("epoch")
ax.set_ylabel("mistakes in the epoch (of 4)")
ax.set_title("Perceptron rule on XOR: mistakes per epoch")
ax.legend(loc="center right")
plt.show()
# --8<-- [end:plot]

# The rule never gets a clean epoch, so it uses every epoch it is given.
assert len(errors) == num_epochs, len(errors)
assert min(errors) == 2, errors
# From epoch 12 on, all four points are wrong in every pass ...
assert errors[:11] == [3, 2] * 5 + [3], errors
assert set(errors[11:]) == {4}, errors
# ... and the four updates cancel, so every epoch ends where it began.
assert torch.allclose(w_prev, w_last) and torch.allclose(b_prev, b_last)
