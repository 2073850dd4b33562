"""A first look at PyTorch: check the install, then compute with tensors.

The first lines report which PyTorch version is installed and whether it
can see a CUDA GPU. Then come tensors, PyTorch's arrays: grids of numbers
with a shape, a data type and a device (CPU or GPU). The Celsius readings
from the start of the chapter become a tensor, and the rule F = 1.8 C + 32
is applied to all of them at once, first element by element, then as one
matrix product.
"""

# --8<-- [start:install]
import torch

print("PyTorch version:", torch.__version__)
print("CUDA GPU available:", torch.cuda.is_available())
# --8<-- [end:install]

# --8<-- [start:tensors]
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

celsius = torch.tensor([-10.0, 0.0, 15.0, 30.0]).to(device)
fahrenheit = 1.8 * celsius + 32  # every reading at once, no loop
print(fahrenheit.cpu())  # .cpu() so the printout is the same on any device

# The same rule as a matrix product: each row is (reading, 1), and
# (reading, 1) @ (1.8, 32) = 1.8 * reading + 32 * 1.
rows = torch.tensor([[-10.0, 1.0], [0.0, 1.0], [15.0, 1.0], [30.0, 1.0]])
rule = torch.tensor([[1.8], [32.0]])
rows, rule = rows.to(device), rule.to(device)
print("rows has shape", tuple(rows.shape), "and type", rows.dtype)
print(f"rows @ rule, one column of answers:\n{(rows @ rule).cpu()}")
# --8<-- [end:tensors]

assert torch.allclose(fahrenheit.cpu(), torch.tensor([14.0, 32, 59, 86]))
assert torch.allclose((rows @ rule).cpu()[:, 0], fahrenheit.cpu())
