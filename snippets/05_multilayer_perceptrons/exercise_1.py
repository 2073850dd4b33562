"""Exercise 1: count the parameters of a digit classifier, then check.

The network reads 28 x 28 grayscale images. nn.Flatten turns each image
into a row of 784 numbers, which pass through hidden layers of 128 and 64
units to 10 outputs, one per digit. A batch of random stand-in images
shows the shapes.
"""

# --8<-- [start:solution]
import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

# By hand, layer by layer: n_in * n_out weights + n_out biases
first = 784 * 128 + 128  # 100,480
second = 128 * 64 + 64  # 8,256
last = 64 * 10 + 10  # 650
by_hand = first + second + last
print(f"by hand: {first:,} + {second:,} + {last:,} = {by_hand:,}")

model = nn.Sequential(
    nn.Flatten(),  # (N, 1, 28, 28) -> (N, 784); no parameters
    nn.Linear(784, 128),
    nn.ReLU(),
    nn.Linear(128, 64),
    nn.ReLU(),
    nn.Linear(64, 10),
).to(device)
total = sum(p.numel() for p in model.parameters())
print(f"PyTorch: {total:,}")

# Almost all of them sit in the first layer
share = first / total
print(f"share in the first layer: {share:.1%}")

# Shapes: one channel of 28 x 28 pixels per image, 32 images
images = torch.rand(32, 1, 28, 28).to(device)  # stand-ins for real digits
flat = model[0](images)
scores = model(images)
print("images", tuple(images.shape), "-> flattened", tuple(flat.shape))
print("-> scores", tuple(scores.shape), "(one per digit)")
# --8<-- [end:solution]

assert total == by_hand == 109_386, total
assert abs(share - 0.919) < 0.001, share
assert flat.shape == (32, 784) and scores.shape == (32, 10)
