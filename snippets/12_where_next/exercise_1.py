"""Exercise 1: parameters of a convolution against a dense layer.

A colour image of 224 x 224 pixels holds 224 * 224 * 3 = 150,528 numbers.
We count, by the formula and with PyTorch, the parameters of a Conv2d with
16 filters of size 5x5 over its 3 channels, and of a Linear layer that maps
the flattened image to 16 units, and check the conv's output shape.
"""

# --8<-- [start:solution]
import torch
from torch import nn

torch.manual_seed(0)


def count_params(model):
    return sum(p.numel() for p in model.parameters())


# Conv2d: each of the 16 filters has 3 * 5 * 5 weights and one bias.
conv_by_hand = 16 * (3 * 5 * 5) + 16
# Linear: every one of the 16 units reads all 150,528 numbers.
n_inputs = 224 * 224 * 3
dense_by_hand = n_inputs * 16 + 16

conv = nn.Conv2d(3, 16, kernel_size=5)
dense = nn.Linear(n_inputs, 16)
print(f"Conv2d(3, 16, 5): {count_params(conv):,} (by hand {conv_by_hand:,})")
print(
    f"Linear({n_inputs:,}, 16): {count_params(dense):,} "
    f"(by hand {dense_by_hand:,})"
)
assert count_params(conv) == conv_by_hand  # the formula holds
assert count_params(dense) == dense_by_hand

image = torch.randn(1, 3, 224, 224)  # a batch of one image
print("conv output shape:", tuple(conv(image).shape))
# --8<-- [end:solution]

assert conv_by_hand == 1216 and dense_by_hand == 2_408_464
assert conv(image).shape == (1, 16, 220, 220)  # 224 - 5 + 1 = 220
