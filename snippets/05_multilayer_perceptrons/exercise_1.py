"""Exercise 1: count the parameters of a digit classifier, then check.

The network reads a 28 x 28 grayscale image flattened to 784 numbers,
passes it through hidden layers of 128 and 64 units, and ends with 10
outputs, one per digit.
"""

import torch
from torch import nn

torch.manual_seed(0)

# By hand, layer by layer: n_in * n_out weights + n_out biases
first = 784 * 128 + 128  # 100,480
second = 128 * 64 + 64  # 8,256
last = 64 * 10 + 10  # 650
by_hand = first + second + last
print(f"by hand: {first:,} + {second:,} + {last:,} = {by_hand:,}")

model = nn.Sequential(
    nn.Linear(784, 128),
    nn.ReLU(),
    nn.Linear(128, 64),
    nn.ReLU(),
    nn.Linear(64, 10),
)
total = sum(p.numel() for p in model.parameters())
print(f"PyTorch: {total:,}")
assert total == by_hand == 109_386, total

# Almost all of them sit in the first layer
share = first / total
print(f"share in the first layer: {share:.1%}")
assert abs(share - 0.919) < 0.001, share
