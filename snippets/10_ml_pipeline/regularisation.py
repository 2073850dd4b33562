"""Dropout and weight decay: two ways to hold back overfitting.

The same 40 noisy training points, 200 validation points and oversized
2 -> 128 -> 128 -> 1 network as overfitting.py. We first watch nn.Dropout
at work on a small tensor, then train the network four times for 500
full-batch epochs (plain, with dropout, with AdamW's weight decay, and
with both) and compare the validation losses.
"""

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


# The same data as in overfitting.py
X_train, y_train = make_split(40, seed=1)
X_val, y_val = make_split(200, seed=2)
mean, std = X_train.mean(dim=0), X_train.std(dim=0, correction=0)
X_train, X_val = (X_train - mean) / std, (X_val - mean) / std
X_train, y_train = X_train.to(device), y_train.to(device)
X_val, y_val = X_val.to(device), y_val.to(device)
loss_fn = nn.BCEWithLogitsLoss()

# --8<-- [start:dropout]
dropout = nn.Dropout(p=0.5)  # zero each value with probability 0.5
x = torch.ones(10)
dropout.train()
print("training mode:  ", dropout(x))
dropout.eval()
print("evaluation mode:", dropout(x))
# --8<-- [end:dropout]


# --8<-- [start:compare]
def make_model(p_drop):
    """The oversized network, with dropout after each hidden layer."""
    return nn.Sequential(
        nn.Linear(2, 128),
        nn.ReLU(),
        nn.Dropout(p_drop),  # p_drop = 0 switches it off
        nn.Linear(128, 128),
        nn.ReLU(),
        nn.Dropout(p_drop),
        nn.Linear(128, 1),
    )


def train(p_drop, weight_decay, num_epochs=500):
    """Train a fresh network; return the validation loss of every epoch."""
    torch.manual_seed(0)  # the same starting weights for every setting
    model = make_model(p_drop).to(device)
    optimizer = torch.optim.AdamW(
        model.parameters(), lr=0.002, weight_decay=weight_decay
    )
    val_losses = []
    for _ in range(num_epochs):
        model.train()  # dropout active
        optimizer.zero_grad()
        loss_fn(model(X_train), y_train).backward()
        optimizer.step()
        model.eval()  # dropout off: measure the whole network
        with torch.no_grad():
            val_losses.append(loss_fn(model(X_val), y_val).item())
    return val_losses


settings = {  # name: (dropout probability, weight decay)
    "neither": (0.0, 0.0),
    "dropout 0.5": (0.5, 0.0),
    "weight decay 1": (0.0, 1.0),
    "both": (0.5, 1.0),
}
curves = {}
for name, (p_drop, weight_decay) in settings.items():
    curves[name] = train(p_drop, weight_decay)
    best = min(curves[name])
    print(
        f"{name:15s} best val loss {best:.3f} "
        f"(epoch {curves[name].index(best) + 1:3d}), "
        f"after 500 epochs {curves[name][-1]:.3f}"
    )
# --8<-- [end:compare]

# --8<-- [start:plot]
fig, ax = plt.subplots(figsize=(7, 4))
styles = {"neither": "-", "dropout 0.5": "--"}
styles.update({"weight decay 1": ":", "both": "-."})
for name, losses in curves.items():
    ax.plot(range(1, 501), losses, styles[name], linewidth=2)
    ax.text(505, losses[-1], name, va="center")  # label at the line's end
ax.set_xlim(0, 650)
ax.set_xlabel("epoch")
ax.set_ylabel("validation loss (binary cross-entropy)")
ax.set_title("The same network with and without regularisation")
plt.show()
# --8<-- [end:plot]
final = {name: losses[-1] for name, losses in curves.items()}
best = {name: min(losses) for name, losses in curves.items()}
# "after 500 epochs: 1.18 plain, 0.98 dropout, 0.57 decay, 0.45 both"
for name, value in [("neither", 1.18), ("dropout 0.5", 0.98)]:
    assert abs(final[name] - value) < 0.1, final
for name, value in [("weight decay 1", 0.57), ("both", 0.45)]:
    assert abs(final[name] - value) < 0.06, final
assert set(nn.Dropout(0.5).train()(x).tolist()) <= {0.0, 2.0}
assert torch.equal(dropout(x), x)  # "in evaluation mode it does nothing"
# "the best validation loss stays between 0.32 and 0.36 in all four runs"
assert all(0.32 < loss < 0.36 for loss in best.values()), best
assert final["neither"] > final["dropout 0.5"] > final["weight decay 1"]
assert final["weight decay 1"] > final["both"]
assert abs((1 - 0.002 * 1.0) ** 500 - 0.37) < 0.005  # "0.998^500 = 0.37"
# The figure: each run's lowest point falls between epochs 40 and 65, and
# from about epoch 90 on "both" is the lowest, between about 0.36 and 0.48
assert all(
    40 <= losses.index(min(losses)) + 1 <= 65 for losses in curves.values()
)
late = range(95, 500)  # epochs 96 to 500: "from about epoch 90"
assert all(
    curves["both"][i] == min(c[i] for c in curves.values()) for i in late
)
assert min(curves["both"][89:]) > 0.34 and max(curves["both"][89:]) < 0.5
# "lambda = 1 is a hundred times AdamW's default of 0.01"
default = torch.optim.AdamW([torch.zeros(1, requires_grad=True)]).defaults
assert default["weight_decay"] == 0.01
