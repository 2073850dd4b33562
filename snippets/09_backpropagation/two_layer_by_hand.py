"""Backpropagation through a two-layer network, written by hand.

A small network (3 inputs, 4 tanh hidden units, 1 output) predicts 8
targets and is scored by the mean squared error. We run the forward pass
with plain tensor operations, then compute the gradient of the loss for
every weight and bias ourselves, layer by layer from the loss backwards.
Autograd computes the same gradients, and we compare the two in float64.
"""

import torch

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
dtype = torch.float64  # double precision: differences are pure rounding

# --8<-- [start:setup]
n, n_in, n_hidden = 8, 3, 4  # 8 examples, 3 inputs, 4 hidden units
X = torch.randn(n, n_in, dtype=dtype).to(device)
y = torch.randn(n, 1, dtype=dtype).to(device)

# Parameters, shaped like nn.Linear's: weight is (out_features, in_features)
W1 = (0.5 * torch.randn(n_hidden, n_in, dtype=dtype)).to(device)
b1 = (0.1 * torch.randn(n_hidden, dtype=dtype)).to(device)
W2 = (0.5 * torch.randn(1, n_hidden, dtype=dtype)).to(device)
b2 = (0.1 * torch.randn(1, dtype=dtype)).to(device)
params = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
for p in params.values():
    p.requires_grad_()  # let autograd record, for the check at the end
# --8<-- [end:setup]

# --8<-- [start:forward]
Z1 = X @ W1.T + b1  # (8, 4) weighted sums of the hidden layer
H = torch.tanh(Z1)  # (8, 4) hidden activations
Z2 = H @ W2.T + b2  # (8, 1) outputs: the predictions y_hat
loss = ((Z2 - y) ** 2).mean()  # mean squared error over the n examples
print(f"Z1 {tuple(Z1.shape)}  H {tuple(H.shape)}  Z2 {tuple(Z2.shape)}")
print(f"loss: {loss.item():.4f}")
# --8<-- [end:forward]

# --8<-- [start:backward]
with torch.no_grad():  # our own arithmetic: autograd need not record it
    dZ2 = 2 * (Z2 - y) / n  # dL/dZ2, shape (8, 1)
    dW2 = dZ2.T @ H  # dL/dW2, shape (1, 4)
    db2 = dZ2.sum(dim=0)  # dL/db2, shape (1,)
    dH = dZ2 @ W2  # dL/dH, shape (8, 4)
    dZ1 = dH * (1 - H**2)  # dL/dZ1: tanh'(z) = 1 - tanh(z)^2
    dW1 = dZ1.T @ X  # dL/dW1, shape (4, 3)
    db1 = dZ1.sum(dim=0)  # dL/db1, shape (4,)
ours = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
for name, grad in ours.items():
    print(f"dL/d{name}: shape {tuple(grad.shape)}")
# --8<-- [end:backward]

# --8<-- [start:check]
loss.backward()  # autograd fills p.grad for every parameter

for name, p in params.items():
    diff = (ours[name] - p.grad).abs().max().item()
    print(f"{name}: max |by hand - autograd| = {diff:.1e}")
    torch.testing.assert_close(ours[name], p.grad)
# --8<-- [end:check]

for name, p in params.items():
    assert ours[name].shape == p.shape  # a gradient is shaped like p
    diff = (ours[name] - p.grad).abs().max().item()
    assert diff < 1e-14, (name, diff)  # "rounding noise, below 1e-14"
