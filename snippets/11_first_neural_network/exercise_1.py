"""Exercise 1: how wide should the hidden layer be?

We train the chapter's network with 4, 16, 64, 128, 256 and 1,024
hidden units, with the same data, split, standardisation, optimizer and 15
epochs, and compare their parameter counts and validation accuracies. The
choice is made on the validation set; the test set stays untouched.
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

# The chapter's data preparation, in short
digits = load_digits()
X, y = digits.data, digits.target
idx = np.arange(len(y))
rest_idx, _ = train_test_split(idx, test_size=0.2, stratify=y, random_state=2)
train_idx, val_idx = train_test_split(
    rest_idx, test_size=0.25, stratify=y[rest_idx], random_state=2
)
mean, std = X[train_idx].mean(axis=0), X[train_idx].std(axis=0)
std[std == 0] = 1.0
X = (X - mean) / std
X = torch.tensor(X, dtype=torch.float32)
y = torch.tensor(y, dtype=torch.long)
train_set = TensorDataset(X[train_idx], y[train_idx])
X_val, y_val = X[val_idx].to(device), y[val_idx].to(device)
loss_fn = nn.CrossEntropyLoss()


def train_and_validate(hidden, num_epochs=15, lr=0.001):
    torch.manual_seed(0)  # every width starts from the same seed
    g = torch.Generator().manual_seed(0)
    train_loader = DataLoader(
        train_set, batch_size=32, shuffle=True, generator=g
    )
    model = nn.Sequential(
        nn.Linear(64, hidden), nn.ReLU(), nn.Linear(hidden, 10)
    ).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    for _ in range(num_epochs):
        model.train()
        for X_batch, y_batch in train_loader:
            X_batch, y_batch = X_batch.to(device), y_batch.to(device)
            optimizer.zero_grad()
            loss_fn(model(X_batch), y_batch).backward()
            optimizer.step()
    model.eval()
    with torch.no_grad():
        preds = model(X_val).argmax(dim=1)
    num_params = sum(p.numel() for p in model.parameters())
    return num_params, (preds == y_val).float().mean().item()


results = {}
for hidden in [4, 16, 64, 128, 256, 1024]:
    num_params, val_acc = train_and_validate(hidden)
    results[hidden] = val_acc
    print(
        f"hidden {hidden:4d}: {num_params:6,} parameters, "
        f"val acc {val_acc:.3f}"
    )
# --8<-- [end:solution]

# 4 units are far too few; accuracy climbs up to 256 units; 128 units
# reach about 0.98; 1024 units (four times the parameters) gain nothing.
assert results[4] < 0.8, results
assert results[16] < results[64] < results[256], results
assert abs(results[128] - 0.98) < 0.008 and results[256] > 0.98, results
assert abs(results[1024] - results[256]) < 0.006, results
