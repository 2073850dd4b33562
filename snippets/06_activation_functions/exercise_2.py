"""Solution to exercise 2: one ReLU is enough to stop the collapse.

We compare two small networks, 2 -> 16 -> 1: one with nothing between its
layers, one with a ReLU there. For each we look for the best single linear
layer that imitates it, fitted by least squares on 1,000 random inputs.
The linear network is matched exactly; the ReLU network is not, because
no straight-line (affine) map can reproduce its bends.
"""

# --8<-- [start:solution]
import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

X = torch.randn(1000, 2).to(device)
# Append a column of ones so the least-squares fit also finds a bias.
X1 = torch.cat([X, torch.ones(1000, 1, device=device)], dim=1)


def best_linear_error(model):
    """Relative RMS error of the best affine fit W x + b to model(X)."""
    with torch.no_grad():
        y = model(X)
    # Solve on the CPU so the answer does not depend on the device's solver.
    solution = torch.linalg.lstsq(X1.cpu(), y.cpu()).solution
    y_fit = X1.cpu() @ solution
    rms = (y.cpu() - y_fit).pow(2).mean().sqrt()
    return (rms / y.std().cpu()).item()


linear_net = nn.Sequential(nn.Linear(2, 16), nn.Linear(16, 1)).to(device)
relu_net = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 1))
relu_net = relu_net.to(device)

err_linear = best_linear_error(linear_net)
err_relu = best_linear_error(relu_net)
print(f"best single-layer fit, no activation: error {err_linear:.4f}")
print(f"best single-layer fit, with ReLU:     error {err_relu:.4f}")
# --8<-- [end:solution]

assert err_linear < 1e-4, err_linear  # collapses to one layer exactly
assert err_relu > 0.1, err_relu  # no single linear layer can imitate it
assert abs(err_relu - 0.44) < 0.02, err_relu  # about 0.44
