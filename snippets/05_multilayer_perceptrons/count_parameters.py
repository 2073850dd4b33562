"""Count the parameters of a small multilayer perceptron twice.

A layer that maps n_in inputs to n_out outputs holds an n_out x n_in weight
matrix and n_out biases. We add those numbers up by hand for a network with
two hidden layers, then let PyTorch count them, and check the two agree.
"""

# --8<-- [start:by_hand]
import torch
from torch import nn

torch.manual_seed(0)


def linear_params(n_in, n_out):
    """Weights plus biases of one fully connected layer."""
    return n_in * n_out + n_out


# 3 inputs -> 8 hidden units -> 4 hidden units -> 1 output
layers = [(3, 8), (8, 4), (4, 1)]  # (n_in, n_out) of each layer
by_hand = 0
for n_in, n_out in layers:
    count = linear_params(n_in, n_out)
    print(f"{n_in} -> {n_out}: {n_in}*{n_out} + {n_out} = {count}")
    by_hand += count
print("by hand:", by_hand)
# --8<-- [end:by_hand]

# --8<-- [start:by_pytorch]
model = nn.Sequential(
    nn.Linear(3, 8),
    nn.ReLU(),
    nn.Linear(8, 4),
    nn.ReLU(),
    nn.Linear(4, 1),
)
for name, p in model.named_parameters():
    print(f"{name:9s} shape {str(tuple(p.shape)):7s} -> {p.numel()}")

total = sum(p.numel() for p in model.parameters())
print("PyTorch:", total)
print("the two counts agree:", total == by_hand)
# --8<-- [end:by_pytorch]

assert total == by_hand == 73, (total, by_hand)
