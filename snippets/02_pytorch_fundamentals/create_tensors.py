"""Create tensors in the common ways and read their dtype, shape and device.

A tensor is PyTorch's n-dimensional array. This script builds tensors from
Python lists, with the factory functions ``zeros``, ``ones``, ``arange``
and ``rand``, and with the ``*_like`` functions that copy another tensor's
shape, then prints the three attributes you will check most often:
``dtype`` (what kind of number), ``shape`` (how many along each axis) and
``device`` (which memory holds it).
"""

# --8<-- [start:create]
import torch

torch.manual_seed(0)

# %% From Python lists: nesting depth becomes the number of dimensions
distances = torch.tensor([5.0, 6.0, 7.0])  # 1 dimension: a vector
table = torch.tensor([[5.0, 22.2], [6.0, 25.6]])  # 2 dimensions: a matrix
counts = torch.tensor([1, 2, 3])  # whole numbers give an integer tensor

print("distances:", distances)
print(f"table:\n{table}")
print("dtypes:", distances.dtype, counts.dtype)
print("shapes:", distances.shape, table.shape)
print("dims:  ", distances.ndim, table.ndim)

# %% Factory functions: give the shape, get a filled tensor
zeros = torch.zeros(2, 3)
ones = torch.ones(2, 3, dtype=torch.int64)  # ask for a dtype explicitly
steps = torch.arange(0, 10, 2)  # like range(0, 10, 2)
noise = torch.rand(2, 3)  # uniform random numbers in [0, 1)

print(f"zeros:\n{zeros}")
print(f"ones:\n{ones}")
print("arange:", steps)
print(f"rand:\n{noise}")

# %% *_like: the same shape, dtype and device as an existing tensor
blank = torch.zeros_like(table)
print(f"zeros_like(table):\n{blank}")

# %% Converting dtype and reading the device
as_float = counts.float()  # same as counts.to(torch.float32)
print("counts as float:", as_float, as_float.dtype)
print("element count of zeros:", zeros.numel())
print("device of a new tensor:", zeros.device)

# %% float32 stores binary fractions: 0.1 is only approximated
print(f"0.1 stored as float32: {torch.tensor(0.1).item():.10f}")
# --8<-- [end:create]

assert distances.dtype == torch.float32 and counts.dtype == torch.int64
assert table.shape == (2, 2) and zeros.numel() == 6
assert steps.tolist() == [0, 2, 4, 6, 8]
assert noise.min() >= 0.0 and noise.max() < 1.0
assert blank.shape == table.shape and blank.dtype == table.dtype
assert torch.tensor(0.1).item() != 0.1
