"""Exercise 2: the two-layer backward pass with ReLU instead of tanh.

Only one line of the backward pass changes: the derivative of ReLU is 1
where its input was positive and 0 elsewhere, so dL/dZ1 = dL/dH * (Z1 > 0).
Everything else (the two linear layers and the MSE) stays as it was.
"""

# --8<-- [start:solution]
import torch

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
f64 = torch.float64

n = 8
X = torch.randn(n, 3, dtype=f64).to(device)
y = torch.randn(n, 1, dtype=f64).to(device)
W1 = (0.5 * torch.randn(4, 3, dtype=f64)).to(device).requires_grad_()
b1 = (0.1 * torch.randn(4, dtype=f64)).to(device).requires_grad_()
W2 = (0.5 * torch.randn(1, 4, dtype=f64)).to(device).requires_grad_()
b2 = (0.1 * torch.randn(1, dtype=f64)).to(device).requires_grad_()

# Forward pass
Z1 = X @ W1.T + b1
H = torch.relu(Z1)
Z2 = H @ W2.T + b2
loss = ((Z2 - y) ** 2).mean()

# Backward pass by hand
with torch.no_grad():
    dZ2 = 2 * (Z2 - y) / n
    dW2, db2 = dZ2.T @ H, dZ2.sum(dim=0)
    dH = dZ2 @ W2
    dZ1 = dH * (Z1 > 0)  # ReLU passes the gradient only where Z1 > 0
    dW1, db1 = dZ1.T @ X, dZ1.sum(dim=0)

loss.backward()
print("hidden values set to 0 by ReLU:", int((H == 0).sum()), "of", H.numel())
ours = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
params = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
for name, p in params.items():
    diff = (ours[name] - p.grad).abs().max().item()
    print(f"{name}: max |by hand - autograd| = {diff:.1e}")
    torch.testing.assert_close(ours[name], p.grad)
# --8<-- [end:solution]

for name, p in params.items():
    assert torch.allclose(ours[name], p.grad, rtol=0.0, atol=1e-12)
assert 0 < int((H == 0).sum()) < H.numel()  # ReLU switched some units off
