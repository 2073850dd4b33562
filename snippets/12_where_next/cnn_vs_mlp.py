"""A small convolutional network against an MLP on 8x8 handwritten digits.

Both models learn scikit-learn's digits (1,797 images of 8x8 pixels,
installed with scikit-learn, no download), split as in Part 11. The MLP
flattens each image into 64 numbers; the CNN slides small 3x3 filters over
it and keeps its 2-D layout. Each model is trained from five seeds, and we
compare validation accuracy on the images as they are and on the same
images moved one pixel to the right. Last, we draw the 3x3 filters that one
CNN's first layer learned.
"""

import matplotlib.pyplot as plt
import numpy as np
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

# --8<-- [start:data]
digits = load_digits()
y = digits.target
idx = np.arange(len(y))
rest_idx, test_idx = train_test_split(  # the test set stays unused here
    idx, test_size=0.2, stratify=y, random_state=2
)
train_idx, val_idx = train_test_split(
    rest_idx, test_size=0.25, stratify=y[rest_idx], random_state=2
)
# Shape (n, 1, 8, 8): n images, 1 channel (grey), 8 rows, 8 columns
X = torch.tensor(digits.images / 16.0, dtype=torch.float32).unsqueeze(1)
y = torch.tensor(y)
X_train, y_train = X[train_idx], y[train_idx]
X_val, y_val = X[val_idx], y[val_idx]
print("train:", tuple(X_train.shape), " validation:", tuple(X_val.shape))
# --8<-- [end:data]


# --8<-- [start:models]
def count_params(model):
    return sum(p.numel() for p in model.parameters())


def make_mlp():
    return nn.Sequential(
        nn.Flatten(),  # (n, 1, 8, 8) -> (n, 64)
        nn.Linear(64, 64),
        nn.ReLU(),
        nn.Linear(64, 10),
    )


def make_cnn():
    return nn.Sequential(
        nn.Conv2d(1, 8, kernel_size=3, padding=1),  # -> (n, 8, 8, 8)
        nn.ReLU(),
        nn.MaxPool2d(2),  # -> (n, 8, 4, 4)
        nn.Conv2d(8, 16, kernel_size=3, padding=1),  # -> (n, 16, 4, 4)
        nn.ReLU(),
        nn.MaxPool2d(2),  # -> (n, 16, 2, 2)
        nn.Flatten(),  # -> (n, 64)
        nn.Linear(64, 10),
    )


print("MLP parameters:", count_params(make_mlp()))
print("CNN parameters:", count_params(make_cnn()))
# --8<-- [end:models]


# --8<-- [start:train]
def train(make_model, seed, num_epochs=20, lr=0.01, batch_size=64):
    """A fresh model trained with Adam on shuffled mini-batches."""
    torch.manual_seed(seed)  # the seed sets the weights and the shuffles
    model = make_model().to(device)
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    for _ in range(num_epochs):
        order = torch.randperm(len(X_train))  # a new shuffle each epoch
        for start in range(0, len(X_train), batch_size):
            batch = order[start : start + batch_size]
            X_batch = X_train[batch].to(device)
            y_batch = y_train[batch].to(device)
            optimizer.zero_grad()
            loss_fn(model(X_batch), y_batch).backward()
            optimizer.step()
    return model


def shift_right(images):
    """Move every image one pixel right; the new left column is blank."""
    moved = torch.roll(images, 1, dims=3)
    moved[..., 0] = 0
    return moved


def accuracy(model, X, y):
    with torch.no_grad():
        predicted = model(X.to(device)).argmax(dim=1).cpu()
    return (predicted == y).float().mean().item()


seeds = range(5)
results = {"MLP": [], "CNN": []}  # per seed: (as is, moved 1 pixel)
models = {"MLP": [], "CNN": []}
for name, make_model in [("MLP", make_mlp), ("CNN", make_cnn)]:
    for seed in seeds:
        model = train(make_model, seed)
        models[name].append(model)
        as_is = accuracy(model, X_val, y_val)
        moved = accuracy(model, shift_right(X_val), y_val)
        results[name].append((as_is, moved))
    scores = np.array(results[name])
    for column, label in [(0, "as is"), (1, "moved 1 pixel")]:
        s = scores[:, column]
        print(
            f"{name} {label:13s}: mean {s.mean():.3f}, "
            f"from {s.min():.3f} to {s.max():.3f}"
        )
# --8<-- [end:train]

# --8<-- [start:plot]
# Each panel gets its own y scale: the ten centred scores lie within 0.02
fig, axes = plt.subplots(1, 2, figsize=(8, 3.6))
for ax, column, title in [
    (axes[0], 0, "images as they are"),
    (axes[1], 1, "moved one pixel right"),
]:
    for seed in seeds:  # one line per seed joins its MLP and its CNN
        pair = [results["MLP"][seed][column], results["CNN"][seed][column]]
        ax.plot([0, 1], pair, "-", color="gray", linewidth=0.8)
    for x, name, marker in [(0, "MLP", "o"), (1, "CNN", "s")]:
        scores = [result[column] for result in results[name]]
        ax.plot(
            [x] * len(scores),
            scores,
            marker,
            markersize=8,
            linestyle="none",
        )
        side = -0.12 if x == 0 else 0.12  # the mean, written beside
        ax.text(
            x + side,
            np.mean(scores),
            f"mean\n{np.mean(scores):.3f}",
            ha="right" if x == 0 else "left",
            va="center",
            fontsize=9,
        )
    ax.set_xticks([0, 1], ["MLP", "CNN"])
    ax.set_xlim(-0.7, 1.7)
    ax.set_title(title)
axes[0].set_ylabel("validation accuracy")
axes[0].set_ylim(0.955, 0.985)
fig.suptitle("Five seeds per model: accuracy on 360 validation images")
fig.tight_layout()
plt.show()
# --8<-- [end:plot]

# --8<-- [start:filters]
first_layer = models["CNN"][0][0]  # the seed-0 CNN's first Conv2d
kernels = first_layer.weight.detach().cpu()  # shape (8, 1, 3, 3)
fig, axes = plt.subplots(2, 4, figsize=(7, 3.8))
limit = kernels.abs().max().item()  # one colour scale for all eight
for i, ax in enumerate(axes.flat):
    image = ax.imshow(kernels[i, 0], cmap="RdBu_r", vmin=-limit, vmax=limit)
    ax.set_title(f"filter {i}")
    ax.set_xticks([])
    ax.set_yticks([])
fig.colorbar(image, ax=axes, shrink=0.8, label="weight")
fig.suptitle("The CNN's first-layer 3x3 filters after training")
plt.show()
# --8<-- [end:filters]
mlp, cnn = np.array(results["MLP"]), np.array(results["CNN"])
assert len(X_train) == 1077 and len(X_val) == 360
assert count_params(make_mlp()) == 4810 and count_params(make_cnn()) == 1898
# As they are: level, 0.972 and 0.968 on average, ranges overlapping
assert abs(mlp[:, 0].mean() - 0.972) < 0.01, mlp
assert abs(cnn[:, 0].mean() - 0.968) < 0.01, cnn
assert abs(mlp[:, 0].mean() - cnn[:, 0].mean()) < 0.015
assert cnn[:, 0].max() >= mlp[:, 0].min()  # the ranges overlap
# Moved one pixel: the MLP falls to about 0.47, the CNN keeps about 0.67,
# and every CNN beats every MLP
assert abs(mlp[:, 1].mean() - 0.47) < 0.03, mlp
assert abs(cnn[:, 1].mean() - 0.67) < 0.06, cnn
assert cnn[:, 1].min() > mlp[:, 1].max()
# The figure: all ten centred scores between 0.96 and 0.98; moved, the
# MLPs from 0.46 to 0.49 and the CNNs from 0.58 to 0.77
assert min(mlp[:, 0].min(), cnn[:, 0].min()) >= 0.96
assert max(mlp[:, 0].max(), cnn[:, 0].max()) <= 0.98
assert mlp[:, 1].min() >= 0.455 and mlp[:, 1].max() <= 0.495, mlp
assert cnn[:, 1].min() >= 0.57 and cnn[:, 1].max() <= 0.775, cnn
