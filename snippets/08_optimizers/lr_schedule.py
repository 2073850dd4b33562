"""A learning-rate schedule calms the noise of mini-batch SGD at the end.

The same linear regression as before (320 noisy points on y = 2x + 1,
batches of 16) is trained for 20 epochs four times, from the same start:
with a constant learning rate of 0.05, with StepLR (halve it every 5
epochs), with CosineAnnealingLR (glide it down to 0 along a half cosine),
and with a linear warm-up (LinearLR) followed by a cosine, chained by
SequentialLR.
We print the learning rate of each epoch, then how far each run's final
loss is above the best loss a straight line can reach, and plot both.
"""

import copy

import matplotlib.pyplot as plt
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

n = 320
X = 4 * torch.rand(n, 1) - 2
y = 2 * X + 1 + 0.5 * torch.randn(n, 1)
X, y = X.to(device), y.to(device)
dataset = TensorDataset(X, y)
loss_fn = nn.MSELoss()
start_model = nn.Linear(1, 1).to(device)

# The lowest loss a straight line can reach on these points.
A = torch.cat([X, torch.ones_like(X)], dim=1).cpu()
best = loss_fn(A @ torch.linalg.lstsq(A, y.cpu()).solution, y.cpu()).item()

# --8<-- [start:train]
lr = 0.05
num_epochs = 20


def warmup_then_cosine(optimizer, warmup_epochs=3):
    """Rise from lr / 5 to lr in 3 epochs, then a cosine decay to 0."""
    warmup = torch.optim.lr_scheduler.LinearLR(
        optimizer, start_factor=0.2, total_iters=warmup_epochs
    )
    decay = torch.optim.lr_scheduler.CosineAnnealingLR(
        optimizer, T_max=num_epochs - warmup_epochs
    )
    return torch.optim.lr_scheduler.SequentialLR(
        optimizer, schedulers=[warmup, decay], milestones=[warmup_epochs]
    )


schedules = {
    "constant": None,
    "StepLR": lambda opt: torch.optim.lr_scheduler.StepLR(
        opt, step_size=5, gamma=0.5
    ),
    "cosine": lambda opt: torch.optim.lr_scheduler.CosineAnnealingLR(
        opt, T_max=num_epochs
    ),
    "warm-up": warmup_then_cosine,
}

lrs, excess = {}, {}
for name, make_scheduler in schedules.items():
    model = copy.deepcopy(start_model)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    scheduler = make_scheduler(optimizer) if make_scheduler else None
    train_loader = DataLoader(
        dataset,
        batch_size=16,
        shuffle=True,
        generator=torch.Generator().manual_seed(0),
    )
    lrs[name], excess[name] = [], []
    for _ in range(num_epochs):
        lrs[name].append(optimizer.param_groups[0]["lr"])  # lr this epoch
        for X_batch, y_batch in train_loader:
            optimizer.zero_grad()
            loss_fn(model(X_batch), y_batch).backward()
            optimizer.step()
        if scheduler is not None:
            scheduler.step()  # once per epoch, after the epoch's updates
        with torch.no_grad():
            excess[name].append(loss_fn(model(X), y).item() - best)
# --8<-- [end:train]

# --8<-- [start:report]
print("epoch   StepLR   cosine  warm-up")
for epoch in range(num_epochs):
    print(
        f"{epoch + 1:5d}  {lrs['StepLR'][epoch]:.5f}  "
        f"{lrs['cosine'][epoch]:.5f}  {lrs['warm-up'][epoch]:.5f}"
    )
print()
wobble = excess["constant"][5:]  # epochs 6 to 20 with the constant rate
print(f"constant rate, epochs 6-20: {min(wobble):.1e} to {max(wobble):.1e}")
for name in schedules:
    print(f"{name:>8}: final loss is {excess[name][-1]:.1e} above the best")
# --8<-- [end:report]

# --8<-- [start:plot]
fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(7.5, 7), layout="constrained")
epochs = range(1, num_epochs + 1)
edges = [e - 0.5 for e in range(1, num_epochs + 2)]  # epoch k: k +- 0.5
styles = {"constant": "-", "StepLR": "--", "cosine": ":", "warm-up": "-."}
markers = {"constant": "o", "StepLR": "s", "cosine": "^", "warm-up": "d"}
for name in schedules:
    # The rate is fixed within an epoch, so draw it as flat stairs.
    ax1.stairs(
        lrs[name], edges, baseline=None, ls=styles[name], lw=2, label=name
    )
    ax2.plot(
        epochs,
        excess[name],
        linestyle=styles[name],
        marker=markers[name],
        ms=4,
        label=name,
    )
ax1.set_ylabel("learning rate")
ax1.set_title("Learning rate used in each epoch")
ax2.set_yscale("log")
ax2.set_ylabel("loss above the best (log scale)")
ax2.set_title("Distance from the best line, after each epoch")
for ax in (ax1, ax2):
    ax.set_xlabel("epoch")
    ax.set_xticks([1, 5, 10, 15, 20])  # whole epochs only
    ax.legend()
plt.show()
# --8<-- [end:plot]

assert lrs["StepLR"][-1] == lr / 8  # halved three times by epoch 20
assert abs(lrs["cosine"][10] - lr / 2) < 1e-9  # epoch 11: half the lr
assert abs(lrs["warm-up"][0] - lr / 5) < 1e-9  # starts at lr / 5
assert abs(lrs["warm-up"][3] - lr) < 1e-9  # full lr in epoch 4
# The schedules end at least ten times closer to the best than constant.
for name in ("StepLR", "cosine", "warm-up"):
    assert excess[name][-1] < excess["constant"][-1] / 10, name
assert 4e-5 < excess["constant"][-1] < 8e-5  # "about 6e-5"
assert 5e-6 < min(wobble) < 3e-5  # "about 1e-5"
assert 2e-3 < max(wobble) < 3e-3  # "2.5e-3"
ends = [excess[name][-1] for name in ("StepLR", "cosine", "warm-up")]
assert max(ends) < 3e-6  # "around 1e-6"
# Warm-up starts slower here: after epoch 1 it is still far above the rest.
assert excess["warm-up"][0] > 10 * excess["constant"][0]
assert excess["warm-up"][0] > 1 and excess["constant"][0] < 0.1
