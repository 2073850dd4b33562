"""The six stages of the machine learning pipeline, in one script.

We make a seeded two-class "moons" data set, split it 60/20/20 into
training, validation and test sets, and standardise it with statistics
from the training split only (stage 1). A small custom Dataset and a
DataLoader serve it in shuffled mini-batches (stage 2). A three-layer MLP
(stage 3) is trained with binary cross-entropy and Adam (stages 4 and 5)
and evaluated on data it never trained on (stage 6), next to a baseline
that always guesses the most common class. Last, we save a checkpoint
(weights, optimizer state and epoch), load it into a fresh model and
optimizer, and predict new points.
"""

# --8<-- [start:setup]
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import torch
from sklearn.datasets import make_moons
from torch import nn
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)
rng = np.random.default_rng(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
# --8<-- [end:setup]

# --8<-- [start:get_data]
# Stage 1a: get the data. 500 points in 2-D, two interleaved half-moons.
X, y = make_moons(n_samples=500, noise=0.2, random_state=0)
print("X:", X.shape, X.dtype, " y:", y.shape, y.dtype)
print("first point:", X[0].round(3), "label", y[0])
print("points per class:", np.bincount(y))
# --8<-- [end:get_data]

# --8<-- [start:split]
# Stage 1b: shuffle the indices once, then cut them 60/20/20
n = len(X)
perm = rng.permutation(n)
n_train, n_val = int(0.6 * n), int(0.2 * n)
train_idx = perm[:n_train]
val_idx = perm[n_train : n_train + n_val]
test_idx = perm[n_train + n_val :]

X_train, y_train = X[train_idx], y[train_idx]
X_val, y_val = X[val_idx], y[val_idx]
X_test, y_test = X[test_idx], y[test_idx]
print("train / val / test:", len(X_train), len(X_val), len(X_test))
# --8<-- [end:split]

# --8<-- [start:standardise]
# Stage 1c: standardise with the TRAINING split's mean and spread only.
# NumPy's std divides by n, the convention this chapter uses throughout.
mean = X_train.mean(axis=0)
std = X_train.std(axis=0)
print("training mean:", mean.round(3), " std:", std.round(3))

X_train = (X_train - mean) / std
X_val = (X_val - mean) / std  # same mean and std, not the val set's own
X_test = (X_test - mean) / std

for name, X_part in [("train", X_train), ("val", X_val)]:
    m = X_part.mean(axis=0).round(3) + 0.0  # + 0.0 turns -0.0 into 0.0
    s = X_part.std(axis=0).round(3)
    print(f"{name:5s} after: mean {m}  std {s}")
# --8<-- [end:standardise]

# --8<-- [start:plot_data]
fig, axes = plt.subplots(1, 3, figsize=(10, 3.6), sharex=True, sharey=True)
splits = [("training", X_train, y_train), ("validation", X_val, y_val)]
splits.append(("test", X_test, y_test))
for ax, (name, X_part, y_part) in zip(axes, splits, strict=True):
    for label, color, marker in [(0, "tab:blue", "o"), (1, "tab:orange", "^")]:
        pts = X_part[y_part == label]
        ax.scatter(
            pts[:, 0],
            pts[:, 1],
            s=30,
            color=color,
            marker=marker,
            edgecolors="black",
            linewidths=0.4,
            label=f"class {label}",
        )
    ax.set_title(f"{name} ({len(X_part)} points)")
    ax.set_xlabel("feature 1 (standardised)")
axes[0].set_ylabel("feature 2 (standardised)")
axes[0].legend(loc="lower left", fontsize=10)
fig.tight_layout()
plt.show()
# --8<-- [end:plot_data]


# --8<-- [start:dataset]
# Stage 2a: a Dataset says how many examples there are, and how to get one
class MoonsDataset(Dataset):
    def __init__(self, X, y):
        self.X = torch.tensor(X, dtype=torch.float32)
        # float targets of shape (n, 1), as BCEWithLogitsLoss wants
        self.y = torch.tensor(y, dtype=torch.float32).unsqueeze(1)

    def __len__(self):
        return len(self.X)

    def __getitem__(self, idx):
        return self.X[idx], self.y[idx]


train_set = MoonsDataset(X_train, y_train)
val_set = MoonsDataset(X_val, y_val)
test_set = MoonsDataset(X_test, y_test)
print("len(train_set):", len(train_set))
print("train_set[0]:", train_set[0])
# --8<-- [end:dataset]

# --8<-- [start:loader]
# Stage 2b: a DataLoader cuts a Dataset into shuffled mini-batches
g = torch.Generator().manual_seed(0)  # makes the shuffling repeatable
train_loader = DataLoader(train_set, batch_size=32, shuffle=True, generator=g)
val_loader = DataLoader(val_set, batch_size=100)  # no need to shuffle
test_loader = DataLoader(test_set, batch_size=100)

X_batch, y_batch = next(iter(train_loader))
print("one batch:", X_batch.shape, y_batch.shape)
print("batches per epoch:", len(train_loader))
# --8<-- [end:loader]


# --8<-- [start:model]
# Stage 3: the model, 2 inputs -> 16 -> 16 -> 1 logit
class MoonsClassifier(nn.Module):
    def __init__(self, hidden=16):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Linear(2, hidden),
            nn.ReLU(),
            nn.Linear(hidden, hidden),
            nn.ReLU(),
            nn.Linear(hidden, 1),
        )

    def forward(self, X):
        return self.layers(X)  # a logit: > 0 means "class 1"


model = MoonsClassifier().to(device)
num_params = sum(p.numel() for p in model.parameters())
print("parameters:", num_params)
# --8<-- [end:model]

# --8<-- [start:loss_optimizer]
# Stage 4: what to minimise, and how to step
loss_fn = nn.BCEWithLogitsLoss()
lr = 0.01
optimizer = torch.optim.Adam(model.parameters(), lr=lr)
# --8<-- [end:loss_optimizer]


# --8<-- [start:train_loop]
# Stage 5: the training loop. Everything it uses comes in as an argument.
def train_one_epoch(model, loader, loss_fn, optimizer, device):
    model.train()  # training mode
    total = 0.0
    for X_batch, y_batch in loader:
        X_batch, y_batch = X_batch.to(device), y_batch.to(device)
        optimizer.zero_grad()  # 1. clear last step's gradients
        logits = model(X_batch)  # 2. forward pass
        loss = loss_fn(logits, y_batch)  # 3. measure the error
        loss.backward()  # 4. gradients by backpropagation
        optimizer.step()  # 5. update the weights
        total += loss.item() * len(X_batch)
    return total / len(loader.dataset)  # mean loss over the epoch


# --8<-- [end:train_loop]


# --8<-- [start:evaluate_fn]
# Stage 6: evaluation, with no weight updates
def evaluate(model, loader, loss_fn, device):
    model.eval()  # evaluation mode
    total, correct, count = 0.0, 0, 0
    with torch.no_grad():  # no gradients needed: faster, less memory
        for X_batch, y_batch in loader:
            X_batch, y_batch = X_batch.to(device), y_batch.to(device)
            logits = model(X_batch)
            total += loss_fn(logits, y_batch).item() * len(X_batch)
            y_hat = (logits > 0).float()  # logit > 0 <=> probability > 0.5
            correct += (y_hat == y_batch).sum().item()
            count += len(X_batch)
    return total / count, correct / count


# --8<-- [end:evaluate_fn]

# --8<-- [start:baseline]
# The score to beat: always answer the training set's most common class
majority = np.bincount(y_train).argmax()
baseline_acc = (y_val == majority).mean()
print(f"most common training class: {majority}")
print(f"its accuracy on the validation set: {baseline_acc:.2f}")
# --8<-- [end:baseline]

# --8<-- [start:run]
num_epochs = 50
train_history, val_history = [], []  # one loss per epoch
for epoch in range(1, num_epochs + 1):
    train_loss = train_one_epoch(
        model, train_loader, loss_fn, optimizer, device
    )
    train_history.append(train_loss)
    val_loss, val_acc = evaluate(model, val_loader, loss_fn, device)
    val_history.append(val_loss)
    if epoch == 1 or epoch % 10 == 0:
        print(
            f"epoch {epoch:2d}  train loss {train_loss:.4f}  "
            f"val loss {val_loss:.4f}  val acc {val_acc:.2f}"
        )
later = val_history[14:]  # epochs 15 to 50
print(f"val loss from epoch 15 on: {min(later):.3f} to {max(later):.3f}")
# --8<-- [end:run]

# --8<-- [start:plot_run]
epochs = range(1, num_epochs + 1)
fig, ax = plt.subplots(figsize=(7, 3.6))
ax.plot(epochs, train_history, "-", color="tab:blue", label="training")
ax.plot(
    epochs, val_history, "--o", color="tab:orange", ms=4, label="validation"
)
ax.fill_between(
    [15, num_epochs], min(later), max(later), color="gray", alpha=0.25
)
ax.text(
    32,
    max(later) + 0.02,
    f"epochs 15 to 50: validation loss {min(later):.2f} to {max(later):.2f}",
    ha="center",
    fontsize=9,
)
ax.set_xlabel("epoch")
ax.set_ylabel("binary cross-entropy")
ax.set_ylim(0, 0.7)
ax.legend()
plt.show()
# --8<-- [end:plot_run]

# --8<-- [start:test]
test_loss, test_acc = evaluate(model, test_loader, loss_fn, device)
print(f"test loss {test_loss:.4f}  test accuracy {test_acc:.2f}")
# --8<-- [end:test]

# --8<-- [start:save_load]
# A checkpoint: everything needed to predict AND to resume training
checkpoint = {
    "epoch": num_epochs,
    "model": model.state_dict(),
    "optimizer": optimizer.state_dict(),  # Adam's running averages
}
with tempfile.TemporaryDirectory() as folder:
    path = Path(folder) / "moons_checkpoint.pt"
    torch.save(checkpoint, path)
    size = path.stat().st_size
    print(f"saved {path.name}: {size:,} bytes")
    loaded = torch.load(path, map_location=device, weights_only=True)
# the folder and the file are gone now; `loaded` holds their contents

fresh = MoonsClassifier().to(device)  # new random weights...
fresh.load_state_dict(loaded["model"])  # ...replaced by the trained ones
fresh_optimizer = torch.optim.Adam(fresh.parameters(), lr=lr)
fresh_optimizer.load_state_dict(loaded["optimizer"])
start_epoch = loaded["epoch"] + 1  # where a resumed loop would go on
print("resume at epoch", start_epoch)
adam_state = fresh_optimizer.state_dict()["state"]
print("Adam steps taken so far:", int(adam_state[0]["step"]))

fresh.eval()
model.eval()
with torch.no_grad():
    X_all = test_set.X.to(device)
    same = torch.equal(model(X_all), fresh(X_all))
print("identical predictions on the test set:", same)
# --8<-- [end:save_load]

# --8<-- [start:predict]
# New points arrive in the ORIGINAL units: standardise them the same way
new_points = np.array([[0.0, 1.0], [1.0, -0.5], [2.0, 0.5]])
X_new = torch.tensor((new_points - mean) / std, dtype=torch.float32)
with torch.no_grad():
    probs = torch.sigmoid(fresh(X_new.to(device))).cpu().flatten()
for point, p in zip(new_points, probs, strict=True):
    print(f"point {point} -> P(class 1) = {p:.3f} -> class {int(p > 0.5)}")
# --8<-- [end:predict]
# NumPy divides by n; PyTorch's std divides by n - 1 unless correction=0
raw_train = torch.tensor(X[train_idx])
assert [int(p > 0.5) for p in probs] == [0, 1, 1], probs
assert X.shape == (500, 2) and np.bincount(y).tolist() == [250, 250]
assert (len(X_train), len(X_val), len(X_test)) == (300, 100, 100)
assert np.allclose(X_train.mean(axis=0), 0, atol=1e-9)
assert np.allclose(X_train.std(axis=0), 1)
assert abs(X_val[:, 0].mean() - 0.12) < 0.01  # "about 0.12"
assert torch.allclose(raw_train.std(dim=0, correction=0), torch.tensor(std))
assert not torch.allclose(raw_train.std(dim=0), torch.tensor(std))
assert X_batch.shape == (32, 2) and y_batch.shape == (32, 1)
assert len(train_loader) == 10  # 9 full batches of 32, and one of 12
assert num_params == 337  # (2*16 + 16) + (16*16 + 16) + (16*1 + 1)
assert abs(baseline_acc - 0.5) < 0.1, baseline_acc  # "about one half"
assert abs(train_history[0] - 0.65) < 0.02, train_history[0]
assert abs(train_history[-1] - 0.07) < 0.02, train_history[-1]
assert abs(val_acc - 0.96) < 0.025, val_acc
# "From epoch 15 on, the validation loss wobbles between about 0.07 and 0.13"
assert min(later) > 0.06 and max(later) < 0.14, (min(later), max(later))
assert abs(val_history[0] - 0.57) < 0.02, val_history[0]  # "from 0.57"
assert abs(test_acc - 0.98) < 0.015, test_acc  # "0.98"
# "one standard error of an accuracy near 0.96 on 100 points is 0.02"
assert abs((0.96 * 0.04 / len(test_set)) ** 0.5 - 0.02) < 0.001
assert same
assert int(adam_state[0]["step"]) == 500  # 50 epochs of 10 batches
assert abs(size - 12_000) < 1_000, size  # "about 12 KB"
