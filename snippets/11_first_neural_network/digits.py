"""Classify 8x8 handwritten digits with an MLP, from raw data to a saved model.

The whole pipeline of Part 10 in one script, on a real data set: the 1,797
digit images that ship with scikit-learn. We look at some images, split
them 60/20/20 into training, validation and test sets (stratified, so each
digit is equally common in all three), standardise the pixels with the
training set's statistics, and serve them with DataLoaders. A 64 -> 128 ->
10 MLP is trained with cross-entropy and Adam for 15 epochs, printing one
progress line per epoch. We then plot the learning curves, measure the
test accuracy, draw a confusion matrix, show every test image the model
got wrong, and finally save the model, load it into a fresh one and ask it
about one test image.
"""

import math
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

# --8<-- [start:load]
digits = load_digits()  # ships with scikit-learn: nothing is downloaded
images = digits.images  # shape (1797, 8, 8): the pictures
X = digits.data  # shape (1797, 64): the same pixels, one row per image
y = digits.target  # shape (1797,): the digit, 0 to 9
print("images:", images.shape, " X:", X.shape, " y:", y.shape)
print("pixel values from", X.min(), "to", X.max())
print("images per digit:", np.bincount(y))
# --8<-- [end:load]

# --8<-- [start:samples]
fig, axes = plt.subplots(2, 8, figsize=(8, 2.8))
for i, ax in enumerate(axes.flat):
    ax.imshow(images[i], cmap="gray_r")  # dark ink on a light page
    ax.set_title(f"label {y[i]}", fontsize=9)
    ax.set_xticks([])  # no ticks, but keep the frame: it marks the 8x8 edge
    ax.set_yticks([])
fig.suptitle("The first 16 images of the digits data set")
fig.tight_layout()
plt.show()
# --8<-- [end:samples]

# --8<-- [start:split]
# Split the row numbers, so we can still find each image's picture later.
# stratify=y keeps the ten digits equally common in every part.
idx = np.arange(len(y))
rest_idx, test_idx = train_test_split(
    idx, test_size=0.2, stratify=y, random_state=2
)
train_idx, val_idx = train_test_split(  # 25% of the other 80% = 20%
    rest_idx, test_size=0.25, stratify=y[rest_idx], random_state=2
)
print("train / val / test:", len(train_idx), len(val_idx), len(test_idx))
print("test images per digit:", np.bincount(y[test_idx]))
# --8<-- [end:split]

# --8<-- [start:standardise]
X_train, X_val, X_test = X[train_idx], X[val_idx], X[test_idx]
y_train, y_val, y_test = y[train_idx], y[val_idx], y[test_idx]

mean = X_train.mean(axis=0)  # one mean per pixel, training set only
std = X_train.std(axis=0)
blank = np.flatnonzero(std == 0)  # pixel numbers, 0 to 63
print("pixels that are 0 in every training image:", blank)
print("as (row, column):", [divmod(int(k), 8) for k in blank])
std[std == 0] = 1.0  # avoid dividing by zero; those pixels stay 0

X_train = (X_train - mean) / std
X_val = (X_val - mean) / std  # the training mean and std, not their own
X_test = (X_test - mean) / std
pixel_std = X_train.std(axis=0)
print(f"training pixels now: mean {abs(X_train.mean()):.3f},", end=" ")
print(f"std per pixel from {pixel_std.min():.0f} to {pixel_std.max():.0f}")
# --8<-- [end:standardise]


# --8<-- [start:loaders]
def to_dataset(X_part, y_part):
    """Float32 inputs and int64 class labels, as CrossEntropyLoss wants."""
    X_part = torch.tensor(X_part, dtype=torch.float32)
    y_part = torch.tensor(y_part, dtype=torch.long)
    return TensorDataset(X_part, y_part)


train_set = to_dataset(X_train, y_train)
val_set = to_dataset(X_val, y_val)
test_set = to_dataset(X_test, y_test)

g = torch.Generator().manual_seed(0)  # repeatable shuffling
train_loader = DataLoader(train_set, batch_size=32, shuffle=True, generator=g)
val_loader = DataLoader(val_set, batch_size=256)
test_loader = DataLoader(test_set, batch_size=256)

X_batch, y_batch = next(iter(train_loader))
print("one batch:", X_batch.shape, X_batch.dtype, y_batch.shape, y_batch.dtype)
print("batches per epoch:", len(train_loader))
# --8<-- [end:loaders]


# --8<-- [start:model]
def make_model(hidden=128):
    """64 pixels in, `hidden` ReLU units, 10 logits out (one per digit)."""
    return nn.Sequential(
        nn.Linear(64, hidden),
        nn.ReLU(),
        nn.Linear(hidden, 10),
    )


model = make_model().to(device)
print(model)
num_params = sum(p.numel() for p in model.parameters())
print("parameters:", num_params)
# --8<-- [end:model]

# --8<-- [start:loss_optimizer]
loss_fn = nn.CrossEntropyLoss()  # takes logits and class indices
lr = 0.001
optimizer = torch.optim.Adam(model.parameters(), lr=lr)
# --8<-- [end:loss_optimizer]


# --8<-- [start:functions]
def train_one_epoch(model, loader, loss_fn, optimizer, device):
    model.train()
    total = 0.0
    for X_batch, y_batch in loader:
        X_batch, y_batch = X_batch.to(device), y_batch.to(device)
        optimizer.zero_grad()
        loss = loss_fn(model(X_batch), y_batch)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(X_batch)
    return total / len(loader.dataset)  # mean loss per image


def evaluate(model, loader, loss_fn, device):
    """Mean loss, accuracy, and every prediction with its target."""
    model.eval()
    total, preds, targets = 0.0, [], []
    with torch.no_grad():
        for X_batch, y_batch in loader:
            X_batch, y_batch = X_batch.to(device), y_batch.to(device)
            logits = model(X_batch)  # shape (batch, 10)
            total += loss_fn(logits, y_batch).item() * len(X_batch)
            preds.append(logits.argmax(dim=1).cpu())  # highest logit wins
            targets.append(y_batch.cpu())  # kept batch by batch, in step
    preds, targets = torch.cat(preds), torch.cat(targets)
    accuracy = (preds == targets).float().mean().item()
    return total / len(targets), accuracy, preds, targets


# --8<-- [end:functions]

# --8<-- [start:train]
start_loss, start_acc, _, _ = evaluate(model, val_loader, loss_fn, device)
print(f"before training: val loss {start_loss:.3f}, val acc {start_acc:.3f}")

num_epochs = 15
history = {"train_loss": [], "val_loss": [], "val_acc": []}
for epoch in range(1, num_epochs + 1):
    train_loss = train_one_epoch(
        model, train_loader, loss_fn, optimizer, device
    )
    val_loss, val_acc, _, _ = evaluate(model, val_loader, loss_fn, device)
    history["train_loss"].append(train_loss)
    history["val_loss"].append(val_loss)
    history["val_acc"].append(val_acc)
    print(
        f"epoch {epoch:2d}  train loss {train_loss:.4f}  "
        f"val loss {val_loss:.4f}  val acc {val_acc:.3f}"
    )
# --8<-- [end:train]


# --8<-- [start:curves]
# Larger text: this wide figure is scaled down to fit the text column
plt.rcParams.update({"font.size": 12, "axes.titlesize": 12})
epochs = range(1, num_epochs + 1)
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
ax1.plot(epochs, history["train_loss"], "o-", label="training")
ax1.plot(epochs, history["val_loss"], "s--", label="validation")
ax1.set_xlabel("epoch")
ax1.set_ylabel("cross-entropy loss")
ax1.set_title("Loss per epoch")
ax1.legend()
ax2.plot(epochs, history["val_acc"], "s-", color="tab:orange")
ax2.set_xlabel("epoch")
ax2.set_ylabel("accuracy")
ax2.set_title("Validation accuracy per epoch")
ax2.set_ylim(0.75, 1.0)
ax2.grid(alpha=0.3)
fig.tight_layout()
plt.show()
# --8<-- [end:curves]

# --8<-- [start:test]
test_loss, test_acc, test_preds, test_targets = evaluate(
    model, test_loader, loss_fn, device
)
num_wrong = int((test_preds != test_targets).sum())
print(f"test loss {test_loss:.4f}  test accuracy {test_acc:.4f}")
print(f"wrong: {num_wrong} of {len(test_targets)} test images")
# --8<-- [end:test]

# --8<-- [start:confusion]
# Count every (true, predicted) pair: pair (t, p) becomes the number
# 10 * t + p, and bincount counts how often each number from 0 to 99 occurs.
pairs = 10 * test_targets + test_preds
confusion = torch.bincount(pairs, minlength=100).reshape(10, 10)
print("correct (the diagonal):", confusion.diag().tolist())
off_diagonal = confusion - torch.diag(confusion.diag())
t, p = divmod(int(off_diagonal.argmax()), 10)
print(
    f"most common mistake: a true {t} predicted as {p}, "
    f"{int(off_diagonal[t, p])} times"
)
# --8<-- [end:confusion]

# --8<-- [start:confusion_plot]
fig, ax = plt.subplots(figsize=(6, 5.5))
ax.imshow(confusion, cmap="Blues")
for t in range(10):
    for p in range(10):
        count = int(confusion[t, p])
        if count > 0:  # leave the empty cells blank, so errors stand out
            color = "white" if count > 20 else "black"
            ax.text(p, t, count, ha="center", va="center", color=color)
ax.set_xticks(range(10))
ax.set_yticks(range(10))
ax.set_xlabel("predicted digit")
ax.set_ylabel("true digit")
ax.set_title("Confusion matrix on the 360 test images")
plt.show()
# --8<-- [end:confusion_plot]

# --8<-- [start:mistakes]
wrong = torch.nonzero(test_preds != test_targets).flatten()
ncols = 4
nrows = math.ceil(len(wrong) / ncols)
fig, axes = plt.subplots(nrows, ncols, figsize=(8, 1.9 * nrows))
for ax in axes.flat[len(wrong) :]:
    ax.axis("off")  # hide the unused places in the grid
for ax, i in zip(axes.flat, wrong.tolist(), strict=False):
    ax.imshow(images[test_idx[i]], cmap="gray_r")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(
        f"true {test_targets[i].item()}, pred {test_preds[i].item()}",
        fontsize=10,
    )
fig.suptitle(f"The {len(wrong)} misclassified test images")
fig.tight_layout()
plt.show()
# --8<-- [end:mistakes]

# --8<-- [start:save_load]
# Save the weights AND the numbers needed to prepare new inputs
checkpoint = {
    "model": model.state_dict(),
    "mean": torch.tensor(mean, dtype=torch.float32),
    "std": torch.tensor(std, dtype=torch.float32),
}
with tempfile.TemporaryDirectory() as folder:
    path = Path(folder) / "digits_mlp.pt"
    torch.save(checkpoint, path)
    size = path.stat().st_size
    print(f"saved {path.name}: {size:,} bytes")
    loaded = torch.load(path, map_location=device, weights_only=True)
# The folder and the file are gone now; `loaded` holds their contents.

fresh = make_model().to(device)  # new random weights...
fresh.load_state_dict(loaded["model"])  # ...replaced by the trained ones
fresh.eval()

# One "new" image: the first test image, in its original 0-16 pixels
i = 0
raw = torch.tensor(X[test_idx[i]], dtype=torch.float32).to(device)
x = (raw - loaded["mean"]) / loaded["std"]  # prepared exactly as before
with torch.no_grad():
    print("one image, shape", tuple(x.shape), "->", tuple(fresh(x).shape))
    x = x.unsqueeze(0)  # a batch of one image: shape (1, 64)
    probs = torch.softmax(fresh(x), dim=1)[0].cpu()  # dim=1: the classes
top_probs, top_digits = probs.topk(3)
print("true digit:", y[test_idx[i]])
for p, d in zip(top_probs.tolist(), top_digits.tolist(), strict=True):
    print(f"  digit {d}: probability {p:.3f}")
_, _, fresh_preds, _ = evaluate(fresh, test_loader, loss_fn, device)
print(
    "same predictions on the test set:", torch.equal(fresh_preds, test_preds)
)
# --8<-- [end:save_load]
# Every mistake the figures name: (true, predicted)
mistakes = sorted(
    (int(a), int(b))
    for a, b in zip(test_targets, test_preds, strict=True)
    if a != b
)
assert top_digits[0] == y[test_idx[i]]
assert top_probs[0] > 0.9, top_probs  # "more than 0.9"
assert top_probs[1] < 0.05, top_probs  # "the runners-up get almost nothing"
assert torch.equal(fresh_preds, test_preds)  # the same model, reloaded
# "about 42 KB", of which 9,610 * 4 = 38,440 bytes are weights
assert 40_000 < size < 44_000, size
assert X.shape == (1797, 64) and images.shape == (1797, 8, 8)
assert X.min() == 0 and X.max() == 16
assert np.bincount(y).min() == 174 and np.bincount(y).max() == 183
assert abs(np.bincount(y).max() / len(y) - 0.1) < 0.005  # "baseline 0.1"
assert (len(train_idx), len(val_idx), len(test_idx)) == (1077, 360, 360)
assert set(np.bincount(y[test_idx])) == {35, 36, 37}  # "35 to 37 of each"
assert blank.tolist() == [0, 32, 39, 56], blank  # four, all at the edges
assert abs(X_train.mean()) < 1e-9
assert len(train_loader) == 34  # 33 full batches of 32, one of 21
assert num_params == 9610  # (64*128 + 128) + (128*10 + 10)
# "starts near log 10 = 2.30", "val accuracy above 0.97"
assert abs(start_loss - math.log(10)) < 0.15, start_loss
assert start_acc < 0.2, start_acc  # about 1 in 10: guessing
assert history["train_loss"][-1] < 0.05, history["train_loss"]
assert val_acc > 0.97, val_acc
assert history["val_acc"][4] > 0.9, history["val_acc"]  # by epoch 5
assert history["val_loss"][-1] < history["val_loss"][-2]  # still falling
# Training loss starts above the validation loss, ends below it
assert history["train_loss"][0] > history["val_loss"][0]
assert history["train_loss"][-1] < history["val_loss"][-1]
# The curves: training loss from near 1.85, validation from near 1.4;
# validation accuracy about 0.79, 0.97 by epoch 9, about 0.99 at epoch 15
assert abs(history["train_loss"][0] - 1.85) < 0.05, history["train_loss"]
assert abs(history["val_loss"][0] - 1.4) < 0.05, history["val_loss"]
assert abs(history["val_acc"][0] - 0.79) < 0.02, history["val_acc"]
assert abs(history["val_acc"][8] - 0.97) < 0.01, history["val_acc"]
assert abs(history["val_acc"][-1] - 0.99) < 0.01, history["val_acc"]
assert test_acc >= 0.97, test_acc  # "at least 0.97"
assert num_wrong <= 10, num_wrong
assert confusion.sum() == 360
assert confusion.diag().sum() == 360 - num_wrong
assert divmod(int(off_diagonal.argmax()), 10) == (8, 1)  # "an 8 for a 1"
assert mistakes == [(4, 9), (5, 9), (6, 1)] + [(8, 1)] * 3 + [
    (9, 3),
    (9, 8),
], mistakes
assert int(confusion.diag().min()) >= 32 and confusion.diag().max() <= 37
