"""Accuracy is a staircase; a loss is a slope you can follow.

A one-input classifier predicts y_hat = sigmoid(w * x + b) for eight points
with fixed w = 2. We slide the bias b and score the model two ways:
accuracy (the share of points on the right side of 0.5) and binary
cross-entropy, computed from the logits w * x + b by BCEWithLogitsLoss.
Accuracy only jumps when the threshold crosses a point, so its slope is
zero almost everywhere; autograd cannot even trace it. The cross-entropy
changes smoothly and has a slope that says which way to move.
"""

import matplotlib.pyplot as plt
import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

# --8<-- [start:scores]
X = torch.tensor([-2.0, -1.2, -0.6, 0.1, 0.4, 0.9, 1.6, 2.2], device=device)
y = torch.tensor([0.0, 0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 1.0], device=device)
w = 2.0
loss_fn = nn.BCEWithLogitsLoss()  # takes logits; explained below


def accuracy(b):
    y_hat = torch.sigmoid(w * X + b)  # probability of class 1
    return ((y_hat > 0.5).float() == y).float().mean()


def bce(b):
    return loss_fn(w * X + b, y)  # the logits go straight in


b = torch.tensor(-3.0, device=device, requires_grad=True)
acc = accuracy(b)
loss = bce(b)
print(f"b = {b.item():.2f}: accuracy {acc.item():.3f}, loss {loss.item():.4f}")

# Nudge b a little: accuracy does not move, so its slope is 0.
step = 0.01
acc_slope = (accuracy(b + step) - acc) / step
print(f"accuracy slope (finite difference): {acc_slope.item():.1f}")
# The comparison y_hat > 0.5 cuts the graph: autograd has nothing to trace.
print(f"accuracy tracked by autograd? {acc.requires_grad}")

# The loss does have a slope, and autograd computes it.
loss.backward()
print(f"loss slope dL/db: {b.grad.item():.4f}")
# --8<-- [end:scores]

# --8<-- [start:plot]
bs = torch.linspace(-6, 6, 241)
with torch.no_grad():  # only plotting: no slopes needed
    accs = [accuracy(v.item()).item() for v in bs]
    losses = [bce(v.item()).item() for v in bs]

fig, (ax_acc, ax_loss) = plt.subplots(
    1, 2, figsize=(10, 4), layout="constrained"
)
ax_acc.plot(bs, accs, color="tab:blue")
ax_acc.set_title("Accuracy: flat steps, slope 0")
ax_acc.set_xlabel("bias $b$")
ax_acc.set_ylabel("accuracy")
ax_loss.plot(bs, losses, color="tab:orange")
ax_loss.set_title("Cross-entropy loss: smooth, slope everywhere")
ax_loss.set_xlabel("bias $b$")
ax_loss.set_ylabel("loss $L$")
for ax in (ax_acc, ax_loss):
    ax.axvline(-3.0, color="gray", linestyle=":", label="$b = -3$")
    ax.legend()
plt.show()
# --8<-- [end:plot]

assert abs(acc.item() - 0.75) < 1e-6  # "6 of the 8 points right"
assert acc_slope.item() == 0.0
assert not acc.requires_grad
assert -0.3 < b.grad.item() < -0.25, b.grad  # negative: raise b

# The valley's lowest point lies just left of b = 0.
best_b = bs[torch.tensor(losses).argmin()].item()
assert -1.0 < best_b < 0.0, best_b
# Alt text: accuracy peaks at 0.875 on b in (-1.8, -0.8) and (-0.2, 1.2),
# and dips to 0.75 in between, around b = -0.5.
assert max(accs) == 0.875
assert accuracy(-1.3).item() == accuracy(0.5).item() == 0.875
assert accuracy(-0.5).item() == 0.75
