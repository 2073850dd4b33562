"""A first look at PyTorch tensors: create them, add them, multiply them.

A tensor is PyTorch's array: a grid of numbers with a shape, a data type
and a device (CPU or GPU). Arithmetic on tensors reads like arithmetic on
Python numbers, and the same line works on whichever device holds them.
"""

import torch

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

a = torch.tensor([1.5, 2.0], device=device)
b = torch.tensor([0.5, 4.0], device=device)
result = a + b  # element by element: 1.5 + 0.5 and 2.0 + 4.0
print(result.cpu())  # .cpu() so the printout is the same on any device
assert result.tolist() == [2.0, 6.0]

# The same operators work on grids of any shape.
X = torch.arange(6.0, device=device).reshape(2, 3)  # 0, 1, ..., 5
print("X has shape", tuple(X.shape), "and type", X.dtype)
print("X + 10 =", (X + 10).tolist())
print("X @ X.T =", (X @ X.T).tolist())  # a matrix product, 2x3 times 3x2
assert (X @ X.T).tolist() == [[5.0, 14.0], [14.0, 50.0]]
