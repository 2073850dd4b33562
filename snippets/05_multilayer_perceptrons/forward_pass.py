"""Follow one batch through a small MLP and print every tensor's shape.

Five deliveries, each described by three numbers, go through a hidden layer
of eight units, a ReLU activation and an output layer of one unit. We also
check that a linear layer computes nothing more than X @ W.T + b.
"""

# --8<-- [start:batch]
import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

# One row per delivery: distance (miles), rush hour (0 or 1), rain (0 or 1)
X = torch.tensor(
    [
        [5.0, 0.0, 0.0],
        [6.0, 1.0, 1.0],
        [7.0, 1.0, 0.0],
        [2.5, 0.0, 1.0],
        [9.0, 0.0, 1.0],
    ],
    device=device,
)
print("input X:        ", tuple(X.shape))
# --8<-- [end:batch]

# --8<-- [start:layers]
hidden = nn.Linear(3, 8).to(device)  # 3 inputs -> 8 hidden units
activation = nn.ReLU()  # max(0, z), one number at a time
output = nn.Linear(8, 1).to(device)  # 8 hidden units -> 1 output

print("hidden.weight:  ", tuple(hidden.weight.shape))
print("hidden.bias:    ", tuple(hidden.bias.shape))
print("output.weight:  ", tuple(output.weight.shape))
print("output.bias:    ", tuple(output.bias.shape))
# --8<-- [end:layers]

# --8<-- [start:forward]
Z = hidden(X)  # weighted sums of the hidden units
print("after hidden:   ", tuple(Z.shape))
H = activation(Z)  # the hidden layer's features
print("after ReLU:     ", tuple(H.shape))
y_hat = output(H)  # one prediction per delivery
print("after output:   ", tuple(y_hat.shape))
# --8<-- [end:forward]

# --8<-- [start:by_hand]
# The same hidden layer written out: every row of X times W transposed
W, b = hidden.weight, hidden.bias
Z_by_hand = X @ W.T + b
same = torch.allclose(Z, Z_by_hand, atol=1e-5)
print("hidden(X) equals X @ W.T + b:", same)

# ReLU only sets the negative sums to 0; it never changes the shape
print("values ReLU set to 0:", int((H == 0).sum()), "of", H.numel())
print("ReLU(Z) equals Z.clamp(min=0):", torch.equal(H, Z.clamp(min=0)))
# --8<-- [end:by_hand]

assert X.shape == (5, 3) and Z.shape == H.shape == (5, 8)
assert y_hat.shape == (5, 1)
assert same and torch.equal(H, Z.clamp(min=0))
