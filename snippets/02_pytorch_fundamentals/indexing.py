"""Pick out elements, rows, columns and blocks of a tensor.

Indexing works like Python lists and NumPy arrays: one index per axis,
counting from 0, negative indices from the end, and ``start:stop:step``
slices. A boolean mask selects the elements where a condition holds. Note
that a slice is a view: writing into it changes the original tensor.
"""

# --8<-- [start:index]
import torch

X = torch.arange(12).reshape(3, 4)  # 3 rows, 4 columns: 0 .. 11
print(f"X:\n{X}")

# %% One element, one row, one column
print("X[1, 2]  ->", X[1, 2].item())  # .item() turns it into a Python int
print("X[0]     ->", X[0])  # first row
print("X[-1]    ->", X[-1])  # last row
print("X[:, 1]  ->", X[:, 1])  # second column, from every row

# %% Slices: start:stop (stop excluded) and steps
print(f"X[0:2, 1:3] ->\n{X[0:2, 1:3]}")  # rows 0-1, columns 1-2
print(f"X[:, ::2]   ->\n{X[:, ::2]}")  # every other column

# %% Boolean masks select by condition (the result is 1-D)
mask = X > 6
print(f"mask X > 6 ->\n{mask}")
print("X[mask]    ->", X[mask])

# %% A slice shares memory with the tensor it came from
first_row = X[0]
first_row[0] = 100  # write into the slice ...
print("X[0, 0] after writing into the slice ->", X[0, 0].item())
# --8<-- [end:index]

assert X[1, 2].item() == 6
assert X[:, 1].tolist() == [1, 5, 9]
assert X[mask].tolist() == [7, 8, 9, 10, 11]
assert X[0, 0].item() == 100
