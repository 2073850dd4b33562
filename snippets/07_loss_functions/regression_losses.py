"""MSE, MAE and Huber: three ways to score a numeric prediction.

Five predicted delivery times are compared with the real ones; one
delivery ran 8 minutes late. The script computes each loss with its
torch.nn class and again by hand from the formula, and checks that the two
agree. Then it plots each loss against the error, and its slope (computed
by autograd), to show how hard each one pushes on a small and a large
error.
"""

import matplotlib.pyplot as plt
import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

# --8<-- [start:compute]
y = torch.tensor([22.2, 25.6, 29.0, 31.5, 26.4], device=device)  # real
y_hat = torch.tensor([23.0, 25.0, 29.5, 30.0, 18.4], device=device)

mse = nn.MSELoss()(y_hat, y)
mae = nn.L1Loss()(y_hat, y)  # PyTorch calls MAE "L1 loss"
huber = nn.HuberLoss(delta=1.0)(y_hat, y)

# The same numbers from the formulas.
error = y_hat - y
mse_by_hand = (error**2).mean()
mae_by_hand = error.abs().mean()
delta = 1.0
small = error.abs() <= delta
# torch.where(cond, a, b) takes a where cond is True and b elsewhere.
huber_by_hand = torch.where(
    small, 0.5 * error**2, delta * (error.abs() - 0.5 * delta)
).mean()

print("errors:", [round(e, 1) for e in error.tolist()])
print(f"MSE   {mse.item():7.4f}  by hand {mse_by_hand.item():7.4f}")
print(f"MAE   {mae.item():7.4f}  by hand {mae_by_hand.item():7.4f}")
print(f"Huber {huber.item():7.4f}  by hand {huber_by_hand.item():7.4f}")
torch.testing.assert_close(mse, mse_by_hand)
torch.testing.assert_close(mae, mae_by_hand)
torch.testing.assert_close(huber, huber_by_hand)

# How much of each loss comes from the one late delivery?
late = -1  # the last entry
share_mse = (error[late] ** 2 / (error**2).sum()).item()
share_mae = (error[late].abs() / error.abs().sum()).item()
print(f"share of MSE from the late delivery: {share_mse:.0%}")
print(f"share of MAE from the late delivery: {share_mae:.0%}")
# --8<-- [end:compute]

# --8<-- [start:reduction]
# Two targets per delivery (minutes, and cost in dollars): shape (3, 2).
y_hat2 = torch.tensor([[23.0, 9.0], [25.0, 11.0], [29.5, 12.0]])
y2 = torch.tensor([[22.2, 10.0], [25.6, 11.0], [29.0, 13.5]])
y_hat2, y2 = y_hat2.to(device), y2.to(device)

per_element = nn.MSELoss(reduction="none")(y_hat2, y2)
total = nn.MSELoss(reduction="sum")(y_hat2, y2)
mean = nn.MSELoss()(y_hat2, y2)  # reduction="mean" is the default
print("reduction='none' keeps the shape:", tuple(per_element.shape))
print(f"reduction='sum':  {total.item():.3f}")
print(f"reduction='mean': {mean.item():.3f}")
n_elements, n_examples = per_element.numel(), len(y2)
print(f"sum / {n_elements} elements: {total.item() / n_elements:.3f}")
print(f"sum / {n_examples} examples: {total.item() / n_examples:.3f}")
torch.testing.assert_close(mean, total / per_element.numel())
# --8<-- [end:reduction]

# --8<-- [start:plot]
# One error per point from -3 to 3; the target is 0, so error = y_hat.
errors = torch.linspace(-3, 3, 601, device=device, requires_grad=True)
zeros = torch.zeros_like(errors)
loss_fns = {
    "MSE": nn.MSELoss(reduction="none"),
    "MAE": nn.L1Loss(reduction="none"),
    "Huber ($\\delta = 1$)": nn.HuberLoss(reduction="none", delta=1.0),
}

# Told apart by line style, not only colour. Beyond +-1 Huber's slope lies
# exactly on MAE's, so circles mark the Huber line.
styles = [
    {"ls": "-"},
    {"ls": "--"},
    {"ls": ":", "marker": "o", "markevery": 50},
]

fig, (ax_loss, ax_grad) = plt.subplots(
    1, 2, figsize=(10, 4), layout="constrained"
)
for (name, loss_fn), style in zip(loss_fns.items(), styles, strict=True):
    losses = loss_fn(errors, zeros)  # one loss per error
    # Summing and calling backward gives each point its own slope.
    (slopes,) = torch.autograd.grad(losses.sum(), errors)
    e = errors.detach().cpu()
    ax_loss.plot(e, losses.detach().cpu(), lw=2, label=name, **style)
    ax_grad.plot(e, slopes.cpu(), lw=2, label=name, **style)
ax_loss.set_title("Loss for one prediction")
ax_loss.set_xlabel("error $\\hat{y} - y$")
ax_loss.set_ylabel("loss $L$")
ax_loss.set_ylim(0, 5)
ax_grad.set_title("Its slope $dL/d\\hat{y}$")
ax_grad.set_xlabel("error $\\hat{y} - y$")
ax_grad.set_ylabel("slope")
for ax in (ax_loss, ax_grad):
    ax.axvline(0, color="gray", linewidth=0.5)
    ax.legend()
plt.show()
# --8<-- [end:plot]

assert abs(mse.item() - 13.5) < 1e-3  # "13.5"
assert abs(mae.item() - 2.28) < 1e-3  # "2.28"
assert abs(huber.item() - 1.825) < 1e-3  # "about 1.8"
assert 0.945 < share_mse < 0.955  # "95 percent"
assert 0.695 < share_mae < 0.705  # "70 percent"

assert abs(mean.item() - 0.75) < 1e-4  # "0.75, not 1.5"
assert abs(total.item() / 3 - 1.5) < 1e-4

# The Huber slope is capped at +-delta = 1: on MAE's line beyond the cap.
huber_slopes = torch.autograd.grad(
    nn.HuberLoss(reduction="none")(errors, zeros).sum(), errors
)[0]
outside = errors.detach().abs() > 1
torch.testing.assert_close(
    huber_slopes[outside], errors.detach()[outside].sign()
)
# "half the MSE inside +-delta, its pull (e) growing with the error".
inside = ~outside
e_in = errors.detach()[inside]
huber_losses = nn.HuberLoss(reduction="none")(errors, zeros).detach()
torch.testing.assert_close(huber_losses[inside], 0.5 * e_in**2)
torch.testing.assert_close(huber_slopes[inside], e_in)
