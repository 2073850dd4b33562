"""Overfitting: a big network memorises a small, noisy training set.

We train a 2 -> 128 -> 128 -> 1 MLP (about 17,000 parameters) on only 40
noisy moons points for 500 epochs, and measure the loss on 200 fresh
validation points after every epoch. The training loss keeps falling
towards zero; the validation loss falls at first, reaches its lowest
point, and then climbs. We plot both curves and the jagged decision
boundary the network ends up with.
"""

import matplotlib.pyplot as plt
import torch
from sklearn.datasets import make_moons
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


# --8<-- [start:setup]
def make_split(n, seed):
    """n noisy moons points as float32 tensors; y has shape (n, 1)."""
    X, y = make_moons(n_samples=n, noise=0.3, random_state=seed)
    X = torch.tensor(X, dtype=torch.float32)
    y = torch.tensor(y, dtype=torch.float32).unsqueeze(1)
    return X, y


X_train, y_train = make_split(40, seed=1)  # few points: easy to memorise
X_val, y_val = make_split(200, seed=2)
# training split only; correction=0 divides by n, as NumPy's std does
mean, std = X_train.mean(dim=0), X_train.std(dim=0, correction=0)
X_train, X_val = (X_train - mean) / std, (X_val - mean) / std
X_train, y_train = X_train.to(device), y_train.to(device)
X_val, y_val = X_val.to(device), y_val.to(device)

hidden = 128  # far more capacity than 40 points need
model = nn.Sequential(
    nn.Linear(2, hidden),
    nn.ReLU(),
    nn.Linear(hidden, hidden),
    nn.ReLU(),
    nn.Linear(hidden, 1),
).to(device)
num_params = sum(p.numel() for p in model.parameters())
print("parameters:", num_params)
loss_fn = nn.BCEWithLogitsLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.002)
# --8<-- [end:setup]

# --8<-- [start:train]
num_epochs = 500
train_losses, val_losses, val_accs = [], [], []
for epoch in range(1, num_epochs + 1):
    model.train()
    optimizer.zero_grad()
    loss = loss_fn(model(X_train), y_train)  # all 40 points at once
    loss.backward()
    optimizer.step()
    train_losses.append(loss.item())

    model.eval()
    with torch.no_grad():
        logits = model(X_val)
        val_losses.append(loss_fn(logits, y_val).item())
        val_accs.append(((logits > 0).float() == y_val).float().mean().item())
    if epoch == 1 or epoch % 100 == 0:
        print(
            f"epoch {epoch:3d}  train loss {train_losses[-1]:.4f}  "
            f"val loss {val_losses[-1]:.4f}"
        )

with torch.no_grad():
    train_hits = (model(X_train) > 0).float() == y_train
print(f"training accuracy {train_hits.float().mean().item():.3f}")

best_loss = min(val_losses)
best = val_losses.index(best_loss) + 1  # epochs count from 1
best_acc = val_accs[best - 1]
print(f"best epoch {best}: val loss {best_loss:.3f}, val acc {best_acc:.3f}")
print(f"last epoch {num_epochs}: val loss {val_losses[-1]:.3f}, ", end="")
print(f"val acc {val_accs[-1]:.3f}")
# --8<-- [end:train]

# --8<-- [start:plot]
# Larger text: this wide figure is scaled down to fit the text column
plt.rcParams.update({"font.size": 12, "axes.titlesize": 12})
fig, (ax_loss, ax_map) = plt.subplots(1, 2, figsize=(11, 4))
epochs = range(1, num_epochs + 1)
ax_loss.plot(epochs, train_losses, "-", label="training loss")
ax_loss.plot(epochs, val_losses, "--", label="validation loss")
ax_loss.axvline(best, color="gray", linestyle="--")
ax_loss.annotate(
    f"lowest validation loss\n(epoch {best})",
    xy=(best, best_loss),
    xytext=(150, 0.15),  # below the curves, clear of both
    arrowprops={"arrowstyle": "->"},
)
ax_loss.set_xlabel("epoch")
ax_loss.set_ylabel("binary cross-entropy")
ax_loss.set_title("Training and validation loss part ways")
ax_loss.legend()

# The decision boundary: ask the model about every point of a grid
steps = torch.linspace(-3, 3, 200)
grid_a, grid_b = torch.meshgrid(steps, steps, indexing="xy")
grid = torch.stack([grid_a.flatten(), grid_b.flatten()], dim=1)
with torch.no_grad():
    probs = torch.sigmoid(model(grid.to(device))).cpu().reshape(200, 200)
shading = ax_map.contourf(
    grid_a, grid_b, probs, levels=20, cmap="RdBu_r", alpha=0.6
)
ax_map.contour(grid_a, grid_b, probs, levels=[0.5], colors="black")
fig.colorbar(shading, ax=ax_map, label="P(class 1)", ticks=[0, 0.5, 1])
X_cpu, labels = X_train.cpu(), y_train.cpu().flatten()
for label, marker in [(0, "o"), (1, "s")]:
    pts = X_cpu[labels == label]
    ax_map.scatter(
        pts[:, 0],
        pts[:, 1],
        marker=marker,
        color="white",
        edgecolors="black",
        label=f"training point, class {label}",
    )
ax_map.set_xlabel("feature 1 (standardised)")
ax_map.set_ylabel("feature 2 (standardised)")
ax_map.set_title("After 500 epochs: bent to fit the noise")
ax_map.legend(loc="lower left", fontsize=10)
plt.show()
# --8<-- [end:plot]
assert num_params == 17_025  # 40 points, over 17,000 parameters
assert train_hits.all()  # every training point on its correct side
assert 50 <= best <= 70, best  # "around epoch 60"
assert val_losses[-1] > 3 * best_loss  # "more than three times"
assert train_losses[-1] < 0.01  # training loss close to zero
assert abs(val_accs[-1] - best_acc) < 0.02  # accuracy barely moves
assert abs(val_losses[-1] - 1.18) < 0.1, val_losses[-1]  # "about 1.2"
