"""Exercise 1: Huber sits between MSE and MAE, and delta sets where.

For errors that all lie inside delta, HuberLoss is exactly half the MSE.
As delta shrinks towards 0, HuberLoss divided by delta approaches the MAE
(the gap is delta / 2 per point, so it vanishes with delta). HuberLoss
divided by delta is exactly what PyTorch calls SmoothL1Loss(beta=delta).
"""

# --8<-- [start:solution]
import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

y = torch.tensor([22.2, 25.6, 29.0, 31.5, 26.4], device=device)
y_hat = torch.tensor([23.0, 25.0, 29.5, 30.0, 18.4], device=device)
mse = nn.MSELoss()(y_hat, y)
mae = nn.L1Loss()(y_hat, y)

# A large delta: every error (the largest is 8) is "small".
huber_big = nn.HuberLoss(delta=100.0)(y_hat, y)
print(f"delta=100: Huber {huber_big.item():.4f}, MSE / 2 {mse.item() / 2:.4f}")

# Shrinking delta: Huber / delta creeps up to the MAE. PyTorch has this
# ratio built in as SmoothL1Loss, whose beta plays the part of delta.
print(f"MAE {mae.item():.4f}")
for delta in (1.0, 0.1, 0.001):
    huber = nn.HuberLoss(delta=delta)(y_hat, y)
    smooth_l1 = nn.SmoothL1Loss(beta=delta)(y_hat, y)
    print(
        f"delta={delta}: Huber / delta {huber.item() / delta:.4f}, "
        f"SmoothL1Loss(beta={delta}) {smooth_l1.item():.4f}"
    )
# --8<-- [end:solution]

torch.testing.assert_close(huber_big, mse / 2)
assert abs(huber.item() / delta - mae.item()) < 1e-3
for delta in (1.0, 0.1, 0.001):
    torch.testing.assert_close(
        nn.HuberLoss(delta=delta)(y_hat, y) / delta,
        nn.SmoothL1Loss(beta=delta)(y_hat, y),
    )
