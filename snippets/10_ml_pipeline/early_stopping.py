"""Early stopping: stop when validation loss stops improving.

The same 40 noisy training points and the same oversized network as the
overfitting run, but now we keep a copy of the weights from the epoch with
the lowest validation loss. When the validation loss has not improved for
`patience` epochs in a row, we stop, and put the best weights back. A
third, untouched test set then measures the model we keep.
"""

import copy

import matplotlib.pyplot as plt
import torch
from sklearn.datasets import make_moons
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def make_split(n, seed):
    """n noisy moons points as float32 tensors; y has shape (n, 1)."""
    X, y = make_moons(n_samples=n, noise=0.3, random_state=seed)
    X = torch.tensor(X, dtype=torch.float32)
    y = torch.tensor(y, dtype=torch.float32).unsqueeze(1)
    return X, y


# The same data and network as in overfitting.py, plus a test set
X_train, y_train = make_split(40, seed=1)
X_val, y_val = make_split(200, seed=2)
X_test, y_test = make_split(200, seed=3)
mean, std = X_train.mean(dim=0), X_train.std(dim=0, correction=0)
X_train, X_val, X_test = [(X - mean) / std for X in (X_train, X_val, X_test)]
X_train, y_train = X_train.to(device), y_train.to(device)
X_val, y_val = X_val.to(device), y_val.to(device)
X_test, y_test = X_test.to(device), y_test.to(device)

hidden = 128
model = nn.Sequential(
    nn.Linear(2, hidden),
    nn.ReLU(),
    nn.Linear(hidden, hidden),
    nn.ReLU(),
    nn.Linear(hidden, 1),
).to(device)
loss_fn = nn.BCEWithLogitsLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.002)


# --8<-- [start:early_stop]
def val_loss_of(model):
    model.eval()
    with torch.no_grad():
        return loss_fn(model(X_val), y_val).item()


num_epochs = 500  # an upper limit; we expect to stop long before
patience = 30  # epochs we wait for a new best validation loss
best_loss = float("inf")
best_epoch = 0
best_state = None
train_losses, val_losses = [], []

for epoch in range(1, num_epochs + 1):
    model.train()
    optimizer.zero_grad()
    loss = loss_fn(model(X_train), y_train)
    loss.backward()
    optimizer.step()
    train_losses.append(loss.item())
    val_losses.append(val_loss_of(model))

    if val_losses[-1] < best_loss:  # a new best: remember these weights
        best_loss = val_losses[-1]
        best_epoch = epoch
        best_state = copy.deepcopy(model.state_dict())
    elif epoch - best_epoch >= patience:  # no progress for too long
        break

stop_epoch = epoch
print(f"stopped at epoch {stop_epoch}; best epoch was {best_epoch}")
print(f"best validation loss {best_loss:.3f}")

model.load_state_dict(best_state)  # roll back to the best weights
restored = val_loss_of(model)
print(f"validation loss after restoring: {restored:.3f}")
# --8<-- [end:early_stop]

# --8<-- [start:test]
model.eval()
with torch.no_grad():
    logits = model(X_test)
test_loss = loss_fn(logits, y_test).item()
test_acc = ((logits > 0).float() == y_test).float().mean().item()
print(f"restored model on the test set: loss {test_loss:.3f}, ", end="")
print(f"accuracy {test_acc:.3f}")
# --8<-- [end:test]

# --8<-- [start:plot]
fig, ax = plt.subplots(figsize=(6, 4))
epochs = range(1, len(val_losses) + 1)
ax.plot(epochs, train_losses, "-", label="training loss")
ax.plot(epochs, val_losses, "--", label="validation loss")
ax.axvline(best_epoch, color="tab:green", linestyle="--")
ax.axvline(stop_epoch, color="tab:red", linestyle=":")
ax.scatter([best_epoch], [best_loss], color="tab:green", zorder=3)
ax.text(best_epoch - 2, 0.62, f"best: epoch {best_epoch}", ha="right")
ax.text(stop_epoch + 2, 0.62, f"stop: epoch {stop_epoch}")
ax.annotate(
    "",
    xy=(stop_epoch, 0.55),
    xytext=(best_epoch, 0.55),
    arrowprops={"arrowstyle": "<->", "color": "gray"},
)
ax.text(
    (best_epoch + stop_epoch) / 2, 0.57, f"patience {patience}", ha="center"
)
ax.set_xlim(0, stop_epoch + 40)
ax.set_xlabel("epoch")
ax.set_ylabel("binary cross-entropy")
ax.set_title("Early stopping keeps the weights from the best epoch")
ax.legend(loc="lower left")
plt.show()
# --8<-- [end:plot]
assert abs(restored - best_loss) < 1e-6
assert stop_epoch == best_epoch + patience
assert 50 <= best_epoch <= 70, best_epoch  # as in overfitting.py
assert num_epochs - stop_epoch > 400  # "over 400 epochs never run"
# The figure: best near epoch 58 at 0.33, about 0.42 at the stop, and a
# training loss that falls from about 0.7 to about 0.07
assert abs(best_epoch - 58) <= 3 and abs(best_loss - 0.33) < 0.01
assert abs(val_losses[-1] - 0.42) < 0.03, val_losses[-1]
assert (
    abs(train_losses[0] - 0.7) < 0.03 and abs(train_losses[-1] - 0.07) < 0.02
)
assert test_loss < 0.3 and abs(test_acc - 0.9) < 0.03, (test_loss, test_acc)
