"""Exercise 1: the chain rule for a sigmoid neuron, by hand and by autograd.

The graph is z = w * x + b, a = sigmoid(z), L = (a - y) ** 2. Going
backwards: dL/da = 2 (a - y), da/dz = a (1 - a), and z's local derivatives
are x (for w) and 1 (for b). Multiplying along each path gives dL/dw and
dL/db, which autograd must reproduce.
"""

# --8<-- [start:solution]
import math

import torch

x, y = 1.5, 1.0
w, b = 0.8, -0.2

# Forward pass
z = w * x + b
a = 1 / (1 + math.exp(-z))  # sigmoid
L = (a - y) ** 2

# Backward pass by hand
dL_da = 2 * (a - y)
dL_dz = dL_da * a * (1 - a)  # sigmoid'(z) = a (1 - a)
dL_dw = dL_dz * x
dL_db = dL_dz * 1.0
print(f"z = {z:.4f}   a = {a:.4f}   L = {L:.4f}")
print(f"by hand:  dL/dw = {dL_dw:.6f}   dL/db = {dL_db:.6f}")

# The same with autograd, in float64
w_t = torch.tensor(w, dtype=torch.float64, requires_grad=True)
b_t = torch.tensor(b, dtype=torch.float64, requires_grad=True)
loss = (torch.sigmoid(w_t * x + b_t) - y) ** 2
loss.backward()
print(
    f"autograd: dL/dw = {w_t.grad.item():.6f}   dL/db = {b_t.grad.item():.6f}"
)

torch.testing.assert_close((w_t.grad.item(), b_t.grad.item()), (dL_dw, dL_db))
# --8<-- [end:solution]

assert abs(w_t.grad.item() - dL_dw) < 1e-12
assert abs(b_t.grad.item() - dL_db) < 1e-12
assert abs(a - 0.7311) < 1e-4  # sigma(1) is about 0.73
assert abs(dL_dw / dL_db - x) < 1e-12  # dL/dw is x times dL/db
assert dL_dw < 0 and dL_db < 0  # a < y: raising w or b lowers the loss
