"""Two checks for a network that will not train: one batch, and nan.

First, overfit one batch: a correct model, loss and optimizer can drive
the loss on a single batch of 32 digits close to 0 within 100 steps. A
model that applies a softmax before nn.CrossEntropyLoss cannot, and the
check shows it at once. Second, where a nan loss comes from: standardising
pixels whose standard deviation is 0 divides 0 by 0, and one nan in the
inputs makes the whole loss nan. torch.isfinite finds it.
"""

import math

import numpy as np
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

# The chapter's data and split, in short
digits = load_digits()
X, y = digits.data, digits.target
idx = np.arange(len(y))
rest_idx, _ = train_test_split(idx, test_size=0.2, stratify=y, random_state=2)
train_idx, _ = train_test_split(
    rest_idx, test_size=0.25, stratify=y[rest_idx], random_state=2
)
# Names of their own, so this file can run beside the chapter's script
pixels = torch.tensor(X[train_idx], dtype=torch.float32)  # raw, 0 to 16
labels = torch.tensor(y[train_idx], dtype=torch.long)
pixel_mean = pixels.mean(dim=0)
pixel_std = pixels.std(dim=0, correction=0)  # divide by n, as NumPy does
loss_fn = nn.CrossEntropyLoss()


def make_model(hidden=128):
    """The chapter's MLP: 64 pixels, `hidden` ReLU units, 10 logits."""
    return nn.Sequential(
        nn.Linear(64, hidden), nn.ReLU(), nn.Linear(hidden, 10)
    )


# --8<-- [start:one_batch]
def overfit_one_batch(model, X_batch, y_batch, steps=100):
    """Train on one batch only; return its final loss and accuracy."""
    model = model.to(device)
    X_batch, y_batch = X_batch.to(device), y_batch.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    for _ in range(steps):
        optimizer.zero_grad()
        loss = loss_fn(model(X_batch), y_batch)
        loss.backward()
        optimizer.step()
    accuracy = (model(X_batch).argmax(dim=1) == y_batch).float().mean()
    return loss.item(), accuracy.item()


safe_std = torch.where(pixel_std == 0, 1.0, pixel_std)  # as in Stage 1
X_batch = ((pixels - pixel_mean) / safe_std)[:32]  # one batch of 32
y_batch = labels[:32]

torch.manual_seed(0)
correct = overfit_one_batch(make_model(), X_batch, y_batch)
torch.manual_seed(0)
buggy = nn.Sequential(make_model(), nn.Softmax(dim=1))  # softmax twice!
buggy = overfit_one_batch(buggy, X_batch, y_batch)
for name, (loss, acc) in [
    ("correct model", correct),
    ("extra softmax", buggy),
]:
    print(f"{name:13s} loss {loss:.4f}, accuracy {acc:.2f}")
# --8<-- [end:one_batch]

# --8<-- [start:nan]
X_bad = (pixels - pixel_mean) / pixel_std  # std 0 in 4 pixels: 0/0 = nan
print("inputs all finite?", torch.isfinite(X_bad).all().item())
print("bad pixels:", torch.isnan(X_bad).any(dim=0).nonzero().flatten())

untrained = make_model().to(device)
bad_loss = loss_fn(untrained(X_bad[:32].to(device)), labels[:32].to(device))
print("loss on one batch:", bad_loss.item())
# --8<-- [end:nan]
floor = math.log(1 + 9 / math.e)  # best possible loss on probabilities
assert torch.isnan(bad_loss)
assert torch.isnan(X_bad).any(dim=0).nonzero().flatten().tolist() == [
    0,
    32,
    39,
    56,
]
assert correct[0] < 0.01 and correct[1] == 1.0, correct  # "close to 0"
assert abs(floor - 1.46) < 0.005  # "it cannot go below 1.46"
assert floor <= buggy[0] < 1.6, buggy  # "stuck above 1.46"
assert abs(buggy[0] - 1.48) < 0.02, buggy  # "stalls at about 1.48"
assert buggy[1] == 1.0, buggy  # "its accuracy is perfect all the same"
