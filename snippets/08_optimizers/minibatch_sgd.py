"""Full-batch gradient descent against mini-batch SGD on linear regression.

We generate n = 320 points on the line y = 2x + 1 plus noise and fit a
one-input linear model (nn.Linear(1, 1)) with mean squared error. Full-batch
gradient descent uses all 320 points for every update; mini-batch SGD uses
a DataLoader that hands out shuffled batches of 16, so one pass over the
data (an epoch) gives 20 updates. After every update we measure the loss on
the whole data set, and plot it per update and per epoch.
"""

import copy

import matplotlib.pyplot as plt
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

# --8<-- [start:data]
n = 320
X = 4 * torch.rand(n, 1) - 2  # inputs between -2 and 2
y = 2 * X + 1 + 0.5 * torch.randn(n, 1)  # true line plus noise
X, y = X.to(device), y.to(device)
loss_fn = nn.MSELoss()
lr = 0.05
start_model = nn.Linear(1, 1).to(device)  # both runs start from here

dataset = TensorDataset(X, y)  # example i is the pair (X[i], y[i])
x_0, y_0 = dataset[0]
print(
    f"{len(dataset)} examples; the first: {x_0.item():.3f} -> {y_0.item():.3f}"
)

train_loader = DataLoader(
    dataset,
    batch_size=16,
    shuffle=True,  # a new random order every epoch
    generator=torch.Generator().manual_seed(0),  # ... drawn from here
)
X_batch, y_batch = next(iter(train_loader))  # the first batch
print("one batch:", tuple(X_batch.shape), tuple(y_batch.shape))
print("batches per epoch:", len(train_loader))
# --8<-- [end:data]


# --8<-- [start:train]
def train(batch_size, num_epochs):
    """Train a copy of start_model.

    Returns the loss on all n points before training and after every
    update, and the loss on the batch that each update used.
    """
    model = copy.deepcopy(start_model)  # a copy, with its own weights
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    train_loader = DataLoader(
        dataset,
        batch_size=batch_size,
        shuffle=True,
        generator=torch.Generator().manual_seed(0),
    )
    with torch.no_grad():
        history = [loss_fn(model(X), y).item()]
    batch_losses = []
    for _ in range(num_epochs):
        for X_batch, y_batch in train_loader:
            optimizer.zero_grad()
            loss = loss_fn(model(X_batch), y_batch)
            loss.backward()
            optimizer.step()
            batch_losses.append(loss.item())
            with torch.no_grad():  # measure on all n points, for the plot
                history.append(loss_fn(model(X), y).item())
    return history, batch_losses


full, _ = train(batch_size=n, num_epochs=200)  # 1 update per epoch
mini, batch_losses = train(batch_size=16, num_epochs=10)  # 20 per epoch
updates_per_epoch = n // 16

# For reference: the lowest loss any straight line reaches on these points,
# solved directly by least squares.
A = torch.cat([X, torch.ones_like(X)], dim=1).cpu()
best_w_b = torch.linalg.lstsq(A, y.cpu()).solution
best = loss_fn(A @ best_w_b, y.cpu()).item()

print(f"start loss:                    {full[0]:.3f}")
print(f"full batch after  10 epochs:   {full[10]:.4f}")
print(f"batch of 16 after 10 epochs:   {mini[-1]:.4f}")
print(f"full batch after 200 epochs:   {full[-1]:.4f}")
print(f"best possible (least squares): {best:.4f}")
# Pair each full-data loss with the next: (mini[0], mini[1]), ...
ups = sum(after > before for before, after in zip(mini, mini[1:]))
print(f"mini-batch updates that raised the full loss: {ups} of 200")
last = torch.tensor(batch_losses[100:])
print(f"batch losses, last 100 updates: {last.min():.2f} to {last.max():.2f}")
# --8<-- [end:train]

# --8<-- [start:plot]
fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(7.5, 7), layout="constrained")
ax1.plot(
    range(1, len(mini)),
    batch_losses,
    color="0.7",
    linewidth=1,
    label="mini-batch: loss on its own batch of 16",
)
# A wide pale line under a thin dashed one: the two curves nearly overlap.
ax1.plot(full, "-", lw=5, alpha=0.6, label="full batch: loss on all 320")
ax1.plot(mini, "--", lw=1.5, zorder=3, label="mini-batch: loss on all 320")
ax1.set_xlabel("update (optimizer.step)")
ax1.set_title("Loss per update")

epochs_mini = torch.arange(len(mini)) / updates_per_epoch
ax2.plot(range(11), full[:11], "o-", label="full batch (1 update/epoch)")
ax2.plot(epochs_mini, mini, "--", lw=2, label="mini-batch (20/epoch)")
ax2.set_xlabel("epoch (passes over the 320 points)")
ax2.set_title("Loss per epoch: the same work, more updates")
for ax in (ax1, ax2):
    ax.set_yscale("log")
    ax.set_ylabel("MSE (log scale)")
    ax.legend()
plt.show()
# --8<-- [end:plot]

# Full batch: smooth, never up (beyond float rounding).
assert all(b <= a + 1e-6 for a, b in zip(full, full[1:]))
assert full[10] > 1.0, full[10]  # "still above 1"
assert mini[-1] - best < 0.01, mini[-1]  # "within 0.01"
assert abs(full[-1] - best) < 1e-4, full[-1]  # full batch reaches it
assert abs(best - 0.31) < 0.01, best  # "about 0.31"
assert 80 <= ups <= 105, ups  # "about 90 of the 200"
assert last.min() < 0.2 and last.max() > 0.5  # "below 0.2 and above 0.5"
assert len(train_loader) == 20 and X_batch.shape == (16, 1)
# deepcopy left the starting weights alone: both runs began at full[0].
with torch.no_grad():
    assert loss_fn(start_model(X), y).item() == full[0] == mini[0]

# Alt text: the batch loss starts above 10, and after the first 20 updates
# jumps between about 0.1 and 0.75.
assert batch_losses[0] > 10
settled = torch.tensor(batch_losses[20:])
assert 0.09 < settled.min() < 0.15 and 0.65 < settled.max() < 0.8
