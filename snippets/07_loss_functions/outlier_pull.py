"""How far one outlier pulls a fit under MSE, MAE and Huber.

First the simplest model, a single constant c for nine delivery times, one
of which (90 minutes) is an outlier. Trying every c on a fine grid shows
that MSE picks the mean, MAE the median, and Huber a value close to the
median. Then a straight line is fitted by gradient descent to 20 points,
one of them an outlier, once per loss, and the three lines are drawn.
"""

import matplotlib.pyplot as plt
import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

# --8<-- [start:constant]
# Minutes for the same route on nine days; on one day a crash blocked it.
y = torch.tensor([21.0, 22, 23, 24, 24, 25, 26, 27, 90], device=device)
# reduction="none" keeps one loss per point; we take the mean ourselves.
loss_fns = {
    "MSE": nn.MSELoss(reduction="none"),
    "MAE": nn.L1Loss(reduction="none"),
    "Huber": nn.HuberLoss(reduction="none", delta=1.0),
}


def best_constant(loss_fn, y):
    """Try c = 15.00, 15.01, ..., 40.00 and keep the one with least loss."""
    candidates = torch.linspace(15, 40, 2501, device=y.device)
    # One row per candidate c, one column per data point.
    C = candidates.unsqueeze(1).expand(-1, len(y))
    losses = loss_fn(C, y.expand_as(C)).mean(dim=1)
    return candidates[losses.argmin()].item()


best_c, clean_c = {}, {}
for name, loss_fn in loss_fns.items():
    best_c[name] = best_constant(loss_fn, y)
    clean = best_constant(loss_fn, y[:-1])  # the same, outlier left out
    print(
        f"{name:5s} best constant {best_c[name]:.2f} min "
        f"(without the outlier: {clean:.2f})"
    )
    clean_c[name] = clean
print(f"mean {y.mean().item():.2f}, median {y.median().item():.2f}")
# --8<-- [end:constant]

# --8<-- [start:line]
# 20 points along y = 2x + 1 with a little noise ...
X = torch.linspace(0, 10, 20).unsqueeze(1)
y = 2 * X + 1 + 0.5 * torch.randn(20, 1)
y[16] += 25  # ... and one of them, near x = 8.4, moved 25 up
X, y = X.to(device), y.to(device)

lr = 0.2
num_epochs = 300
fits = {}
for name, loss_fn in loss_fns.items():
    torch.manual_seed(0)  # the same starting line for every loss
    model = nn.Linear(1, 1).to(device)
    # Adam is a variant of gradient descent; Part 8 explains it.
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    for _ in range(num_epochs):
        optimizer.zero_grad()
        loss = loss_fn(model(X), y).mean()
        loss.backward()
        optimizer.step()
    w, b = model.weight.item(), model.bias.item()
    fits[name] = (w, b)
    print(f"{name:5s} fit: slope w = {w:.2f}, bias b = {b:.2f}")
# --8<-- [end:line]

# --8<-- [start:plot]
fig, ax = plt.subplots(figsize=(7, 4.5), layout="constrained")
x_cpu, y_cpu = X.cpu().squeeze(1), y.cpu().squeeze(1)
ax.scatter(x_cpu, y_cpu, color="black", s=20, label="data", zorder=3)
ax.annotate(
    "outlier",
    (x_cpu[16], y_cpu[16]),
    xytext=(6, 38),
    arrowprops={"arrowstyle": "->"},
)
styles = {"MSE": "-", "MAE": "--", "Huber": ":"}
for name, (w, b) in fits.items():
    ax.plot(
        x_cpu,
        w * x_cpu + b,
        styles[name],
        linewidth=2,
        label=f"{name}: slope {w:.2f}",
    )
ax.set_title("One outlier tilts the MSE line; MAE and Huber hold")
ax.set_xlabel("$x$")
ax.set_ylabel("$y$")
ax.legend()
plt.show()
# --8<-- [end:plot]

assert all(abs(c - 24.0) < 0.01 for c in clean_c.values())  # "all pick 24"

# The nine route times again (the line section reused the name y).
times = torch.tensor([21.0, 22, 23, 24, 24, 25, 26, 27, 90])
assert abs(best_c["MSE"] - times.mean().item()) < 0.01  # MSE -> mean
assert abs(best_c["MAE"] - times.median().item()) < 0.01  # MAE -> median
assert abs(best_c["Huber"] - 24.33) < 0.01  # page: "24.33"
assert abs(best_c["MSE"] - 31.33) < 0.01  # page: "31.33"
# page: the outlier pulls MSE by over 7 minutes, Huber by a third of one,
# MAE not at all.
pull = {name: abs(c - 24.0) for name, c in best_c.items()}
assert pull["MSE"] > 7 > pull["Huber"] > 0.3 > pull["MAE"]
assert pull["MAE"] < 0.01

# page: MSE's slope is pulled well off 2; MAE and Huber stay close to it.
slope_gap = {name: abs(w - 2.0) for name, (w, b) in fits.items()}
assert slope_gap["MSE"] > 0.5, slope_gap
assert slope_gap["MAE"] < 0.15 and slope_gap["Huber"] < 0.15, slope_gap
assert slope_gap["MSE"] > 4 * max(slope_gap["MAE"], slope_gap["Huber"])
assert abs(fits["MSE"][0] - 2.56) < 0.02  # page: "2.56"
