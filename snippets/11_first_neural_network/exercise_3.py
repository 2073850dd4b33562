"""Exercise 3: does standardising the pixels matter?

We train the chapter's network with plain SGD (lr = 0.2) on three
versions of the same pixels: raw values from 0 to 16, values divided by
16, and standardised values. Then, for comparison, we train on raw pixels
once more with Adam, the chapter's optimizer. We report the validation
accuracy after 15 epochs, and the share of "dead" hidden units: ReLU
units whose output is 0 for every training image, so they pass on no
signal and get no gradient.
"""

# --8<-- [start:solution]
import numpy as np
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

digits = load_digits()
X_raw, y = digits.data, digits.target
idx = np.arange(len(y))
rest_idx, _ = train_test_split(idx, test_size=0.2, stratify=y, random_state=2)
train_idx, val_idx = train_test_split(
    rest_idx, test_size=0.25, stratify=y[rest_idx], random_state=2
)
mean, std = X_raw[train_idx].mean(axis=0), X_raw[train_idx].std(axis=0)
std[std == 0] = 1.0
y = torch.tensor(y, dtype=torch.long)
versions = {
    "raw 0-16": X_raw,
    "divided by 16": X_raw / 16,
    "standardised": (X_raw - mean) / std,
}
loss_fn = nn.CrossEntropyLoss()


def val_accuracy(X, make_optimizer, num_epochs=15):
    X = torch.tensor(X, dtype=torch.float32)
    torch.manual_seed(0)  # the same starting weights every time
    g = torch.Generator().manual_seed(0)
    train_loader = DataLoader(
        TensorDataset(X[train_idx], y[train_idx]),
        batch_size=32,
        shuffle=True,
        generator=g,
    )
    model = nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 10))
    model = model.to(device)
    optimizer = make_optimizer(model.parameters())
    for _ in range(num_epochs):
        model.train()
        for X_batch, y_batch in train_loader:
            X_batch, y_batch = X_batch.to(device), y_batch.to(device)
            optimizer.zero_grad()
            loss_fn(model(X_batch), y_batch).backward()
            optimizer.step()
    model.eval()
    with torch.no_grad():
        preds = model(X[val_idx].to(device)).argmax(dim=1).cpu()
        # the hidden layer's outputs: the first Linear, then the ReLU
        hidden = model[1](model[0](X[train_idx].to(device)))
    accuracy = (preds == y[val_idx]).float().mean().item()
    dead = (hidden.max(dim=0).values == 0).float().mean().item()
    return accuracy, dead


def sgd(params):
    return torch.optim.SGD(params, lr=0.2)


def adam(params):
    return torch.optim.Adam(params, lr=0.001)


acc, dead = {}, {}
runs = [("SGD", name, X, sgd) for name, X in versions.items()]
runs.append(("Adam", "raw 0-16", X_raw, adam))
for opt_name, name, X, make_optimizer in runs:
    key = f"{opt_name} {name}"
    acc[key], dead[key] = val_accuracy(X, make_optimizer)
    print(
        f"{opt_name + ',':5s} {name:13s}: val acc {acc[key]:.3f}, "
        f"dead hidden units {dead[key]:.0%}"
    )
# --8<-- [end:solution]

# With SGD raw pixels fail (about 0.1, every unit dead),
# standardised is best (above 0.97); Adam copes with raw pixels
assert acc["SGD raw 0-16"] < 0.15, acc
assert acc["SGD raw 0-16"] < acc["SGD divided by 16"], acc
assert acc["SGD divided by 16"] < acc["SGD standardised"], acc
assert acc["SGD standardised"] > 0.97, acc
assert acc["Adam raw 0-16"] > 0.97, acc
assert dead["SGD raw 0-16"] == 1.0, dead  # "every hidden unit is dead"
assert dead["SGD standardised"] < 0.1, dead
