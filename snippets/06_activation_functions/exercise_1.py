"""Solution to exercise 1: a dead ReLU unit, and Leaky ReLU's rescue.

One hidden unit's bias has been knocked down to -10. With ReLU, the unit
outputs 0 for every example in the batch, and the gradient reaching its
weights and bias is exactly zero, so gradient descent can never move it
again. With Leaky ReLU the same unit still passes a small slope (0.01)
backwards, so its weights keep receiving a gradient and can recover.
"""

# --8<-- [start:solution]
import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

X = torch.randn(32, 3).to(device)  # 32 examples, 3 features


def grad_of_unit(activation):
    """Count zero outputs, then return them with the unit's gradients."""
    unit = nn.Linear(3, 1).to(device)
    with torch.no_grad():
        unit.bias.fill_(-10.0)  # pushed far negative by a bad update
    out = activation(unit(X))
    out.sum().backward()
    zero_outputs = int((out == 0).sum().item())
    weight_grad = unit.weight.grad.abs().sum().item()
    return zero_outputs, weight_grad, unit.bias.grad.item()


results = {}
for name, activation in [("ReLU", nn.ReLU()), ("Leaky", nn.LeakyReLU())]:
    zeros, w_grad, b_grad = grad_of_unit(activation)
    results[name] = (zeros, w_grad, b_grad)
    print(
        f"{name:>5}: {zeros:2d}/32 outputs are 0, "
        f"weight grad {w_grad:.4f}, bias grad {b_grad:.4f}"
    )
# --8<-- [end:solution]

relu_zeros, relu_w_grad, relu_b_grad = results["ReLU"]
leaky_zeros, leaky_w_grad, leaky_b_grad = results["Leaky"]
assert relu_zeros == 32 and relu_w_grad == 0.0  # dead: no signal at all
assert relu_b_grad == 0.0
assert leaky_zeros == 0 and leaky_w_grad > 0.0  # still learning
# Each of the 32 examples sends back the slope 0.01: 32 x 0.01 = 0.32.
assert abs(leaky_b_grad - 0.32) < 1e-5, leaky_b_grad
