"""Watch a one-hidden-layer MLP fit a bumpy curve better as it gets wider.

The universal approximation theorem says one hidden layer with enough units
can follow any continuous curve on a closed interval as closely as we like.
We fit the same target with 1, 4 and 32 tanh hidden units, print each final
mean squared error and the largest miss, and plot the three fits next to
the target.
"""

# --8<-- [start:data]
import matplotlib.pyplot as plt
import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

X = torch.linspace(-3, 3, 100).unsqueeze(1)  # 100 inputs, shape (100, 1)
y = torch.sin(2 * X) + 0.5 * torch.cos(5 * X)  # the curve to imitate
X, y = X.to(device), y.to(device)
# --8<-- [end:data]


# --8<-- [start:fit]
def fit(n_hidden, lr=0.02, num_epochs=1000):
    """Train a 1 -> n_hidden -> 1 tanh network; return it and its MSE."""
    torch.manual_seed(0)  # same start for every width
    model = nn.Sequential(
        nn.Linear(1, n_hidden),
        nn.Tanh(),
        nn.Linear(n_hidden, 1),
    ).to(device)
    loss_fn = nn.MSELoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    for _ in range(num_epochs):
        optimizer.zero_grad()
        loss = loss_fn(model(X), y)
        loss.backward()
        optimizer.step()
    with torch.no_grad():
        mse = loss_fn(model(X), y).item()
    return model, mse


widths = [1, 4, 32]
models, errors, sizes, misses = {}, {}, {}, {}
for n_hidden in widths:
    models[n_hidden], errors[n_hidden] = fit(n_hidden)
    sizes[n_hidden] = sum(p.numel() for p in models[n_hidden].parameters())
    with torch.no_grad():
        miss = (models[n_hidden](X) - y).abs().flatten()
    worst = miss.argmax()
    misses[n_hidden] = (miss[worst].item(), X[worst].item())
    print(
        f"n = {n_hidden:2d} ({sizes[n_hidden]:2d} parameters): "
        f"final MSE {errors[n_hidden]:.4f}, "
        f"largest miss {miss[worst]:.2f} at x = {X[worst].item():.2f}"
    )
# --8<-- [end:fit]

# --8<-- [start:plot]
fig, axes = plt.subplots(
    1, 3, figsize=(9, 3.8), sharey=True, layout="constrained"
)
X_cpu, y_cpu = X.cpu().flatten(), y.cpu().flatten()
for i, n_hidden in enumerate(widths):
    ax = axes[i]
    with torch.no_grad():
        y_hat = models[n_hidden](X).cpu().flatten()
    ax.plot(X_cpu, y_cpu, color="gray", linewidth=4, label="target")
    ax.plot(X_cpu, y_hat, "--", color="tab:red", linewidth=2, label="network")
    units = "unit" if n_hidden == 1 else "units"
    ax.set_title(f"{n_hidden} hidden {units}, MSE {errors[n_hidden]:.3f}")
    ax.set_xlabel("input $x$")
axes[0].set_ylabel("output")
handles, labels = axes[0].get_legend_handles_labels()
fig.legend(handles, labels, loc="outside lower center", ncol=2)
fig.suptitle("More hidden units, closer fit")
plt.show()
# --8<-- [end:plot]

assert sizes == {1: 4, 4: 13, 32: 97}, sizes
assert errors[1] > errors[4] > errors[32], errors
# Above 0.5, then about 0.06, then below 0.01.
assert errors[1] > 0.5 and errors[32] < 0.01, errors
assert 0.04 < errors[4] < 0.08, errors
# With 32 units the worst miss, about 0.2, sits at the right end, x > 2.
assert 0.15 < misses[32][0] < 0.3 and misses[32][1] > 2, misses
# ... where the fit ends above the target, at x = 3.
with torch.no_grad():
    end_gap = (models[32](X[-1:]) - y[-1:]).item()
assert 0.15 < end_gap < 0.3, end_gap
