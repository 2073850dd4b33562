"""A learning-rate schedule calms the noise of mini-batch SGD at the end.

The same linear regression as before (320 noisy points on y = 2x + 1,
batches of 16) is trained for 20 epochs three times, from the same start:
with a constant learning rate of 0.05, with StepLR (halve it every 5
epochs) and with CosineAnnealingLR (glide it down to 0 along a half cosine).
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
schedules = {
    "constant": None,
    "StepLR": lambda opt: torch.optim.lr_scheduler.StepLR(
        opt, step_size=5, gamma=0.5
    ),
    "cosine": lambda opt: torch.optim.lr_scheduler.CosineAnnealingLR(
        opt, T_max=num_epochs
    ),
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
print("epoch   StepLR   cosine")
for epoch in range(num_epochs):
    print(
        f"{epoch + 1:5d}  {lrs['StepLR'][epoch]:.5f}  "
        f"{lrs['cosine'][epoch]:.5f}"
    )
print()
wobble = excess["constant"][5:]  # epochs 6 to 20 with the constant rate
print(f"constant rate, epochs 6-20: {min(wobble):.1e} to {max(wobble):.1e}")
for name in schedules:
    print(f"{name:>8}: final loss is {excess[name][-1]:.1e} above the best")

assert lrs["StepLR"][-1] == lr / 8  # halved three times by epoch 20
assert abs(lrs["cosine"][10] - lr / 2) < 1e-9  # epoch 11: half the lr
# The page: the schedules end at least ten times closer to the best.
assert excess["StepLR"][-1] < excess["constant"][-1] / 10
assert excess["cosine"][-1] < excess["constant"][-1] / 10
assert 4e-5 < excess["constant"][-1] < 8e-5  # "about 6e-5"
assert 5e-6 < min(wobble) < 3e-5  # the page: "about 1e-5"
assert 2e-3 < max(wobble) < 3e-3  # the page: "2.5e-3"
assert max(excess["StepLR"][-1], excess["cosine"][-1]) < 3e-6  # "~1e-6"
# --8<-- [end:report]

# --8<-- [start:plot]
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4))
epochs = range(1, num_epochs + 1)
for name in schedules:
    ax1.plot(epochs, lrs[name], marker=".", label=name)
    ax2.plot(epochs, excess[name], marker=".", label=name)
ax1.set_xlabel("epoch")
ax1.set_ylabel("learning rate")
ax1.set_title("Learning rate used in each epoch")
ax2.set_yscale("log")
ax2.set_xlabel("epoch")
ax2.set_ylabel("loss minus best possible loss (log scale)")
ax2.set_title("Distance from the best line, after each epoch")
for ax in (ax1, ax2):
    ax.legend()
fig.tight_layout()
plt.show()
# --8<-- [end:plot]
