"""Exercise 3: why averaging gradients across ranks is exact.

DistributedDataParallel gives each rank part of the batch and averages the
ranks' gradients. Here, in one process, we compute the gradient of the mean
squared error on a batch of 16 examples, then on its two halves of 8, and
check that the average of the two half-batch gradients equals the
whole-batch gradient.
"""

# --8<-- [start:solution]
import torch
from torch import nn

torch.manual_seed(0)

X = torch.randn(16, 3)
y = torch.randn(16, 1)
model = nn.Linear(3, 1)
loss_fn = nn.MSELoss()


def gradient(X_part, y_part):
    """All parameter gradients for one batch, flattened into one vector."""
    model.zero_grad()
    loss_fn(model(X_part), y_part).backward()
    return torch.cat([p.grad.flatten() for p in model.parameters()])


whole = gradient(X, y)
rank_0 = gradient(X[:8], y[:8])  # what rank 0 would compute
rank_1 = gradient(X[8:], y[8:])  # what rank 1 would compute
averaged = (rank_0 + rank_1) / 2  # what DDP's all-reduce produces

print("whole batch:      ", [round(g, 4) for g in whole.tolist()])
print("average of halves:", [round(g, 4) for g in averaged.tolist()])
assert torch.allclose(whole, averaged, atol=1e-6)
assert not torch.allclose(rank_0, whole, atol=1e-3)  # one half alone differs
# --8<-- [end:solution]
