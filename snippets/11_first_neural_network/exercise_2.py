"""Exercise 2: which digit does the network find hardest? Recall per digit.

We train the chapter's network again, with the same settings, then build
the confusion matrix on the VALIDATION set (the test set stays untouched)
and divide its diagonal by its row sums. That is the recall of each digit:
of all the validation images of a 3, what fraction did the model call a 3?
The row of the digit with the lowest recall shows what it was taken for.
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

# The chapter's data preparation and training, in short
digits = load_digits()
X, y = digits.data, digits.target
idx = np.arange(len(y))
rest_idx, _ = train_test_split(idx, test_size=0.2, stratify=y, random_state=2)
train_idx, val_idx = train_test_split(
    rest_idx, test_size=0.25, stratify=y[rest_idx], random_state=2
)
mean, std = X[train_idx].mean(axis=0), X[train_idx].std(axis=0)
std[std == 0] = 1.0
X = torch.tensor((X - mean) / std, dtype=torch.float32)
y = torch.tensor(y, dtype=torch.long)
g = torch.Generator().manual_seed(0)
train_loader = DataLoader(
    TensorDataset(X[train_idx], y[train_idx]),
    batch_size=32,
    shuffle=True,
    generator=g,
)
model = nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 10))
model = model.to(device)
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
for _ in range(15):
    model.train()
    for X_batch, y_batch in train_loader:
        X_batch, y_batch = X_batch.to(device), y_batch.to(device)
        optimizer.zero_grad()
        loss_fn(model(X_batch), y_batch).backward()
        optimizer.step()

model.eval()
with torch.no_grad():
    preds = model(X[val_idx].to(device)).argmax(dim=1).cpu()
targets = y[val_idx]
confusion = torch.bincount(10 * targets + preds, minlength=100)
confusion = confusion.reshape(10, 10)

recall = confusion.diag() / confusion.sum(dim=1)  # correct / row total
for digit in range(10):
    print(f"digit {digit}: recall {recall[digit]:.3f}")

worst = int(recall.argmin())
row = confusion[worst].clone()
row[worst] = 0  # ignore the correct ones
print(
    f"lowest recall: digit {worst}, {int(confusion[worst, worst])} of "
    f"{int(confusion[worst].sum())} right"
)
print("taken instead for:", {d: int(n) for d, n in enumerate(row) if n})
# --8<-- [end:solution]

# The 8 has the lowest recall: 33 of its 35 validation images, about 0.94
assert worst == 8, recall
assert int(confusion[8, 8]) == 33 and int(confusion[8].sum()) == 35
assert abs(recall[8] - 0.943) < 0.001, recall
assert row.tolist() == [0, 0, 1, 0, 0, 1, 0, 0, 0, 0], row  # a 2 and a 5
