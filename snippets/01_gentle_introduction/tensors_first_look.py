"""A first look at PyTorch: check the install, then add and multiply tensors.

The first lines report which PyTorch version is installed and whether it
can see a CUDA GPU. Then come tensors, PyTorch's arrays: grids of numbers
with a shape, a data type and a device (CPU or GPU). Arithmetic on them
reads like arithmetic on Python numbers, and the same line works on
whichever device holds them.
"""

# --8<-- [start:install]
import torch

print("PyTorch version:", torch.__version__)
print("CUDA GPU available:", torch.cuda.is_available())
# --8<-- [end:install]

# --8<-- [start:tensors]
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

a = torch.tensor([1.5, 2.0], device=device)
b = torch.tensor([0.5, 4.0], device=device)
result = a + b  # element by element: 1.5 + 0.5 and 2.0 + 4.0
print(result.cpu())  # .cpu() so the printout is the same on any device

# The same operators work on grids of any shape.
X = torch.arange(6.0, device=device).reshape(2, 3)  # 0, 1, ..., 5
ones = torch.ones(3, 2, device=device)
print("X has shape", tuple(X.shape), "and type", X.dtype)
print("X + 10 =", (X + 10).tolist())
print("X @ ones =", (X @ ones).tolist())  # 2x3 times 3x2: row sums
# --8<-- [end:tensors]

assert result.tolist() == [2.0, 6.0]
assert (X @ ones).tolist() == [[3.0, 3.0], [12.0, 12.0]]
