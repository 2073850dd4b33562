"""Transpose a matrix with ``.T``, and join tensors with ``cat`` and ``stack``.

``.T`` swaps the rows and columns of a 2-D tensor without moving any data:
it reads the same memory in another order, so the result is no longer
*contiguous* and ``view`` refuses it, while ``reshape`` copies. ``torch.cat``
glues tensors end to end along an axis they already have; ``torch.stack``
puts same-shaped tensors side by side along a new axis.
"""

# --8<-- [start:transpose]
import torch

A = torch.arange(6).reshape(2, 3)
print(f"A, shape {tuple(A.shape)}:\n{A}")
print(f"A.T, shape {tuple(A.T.shape)}:\n{A.T}")  # rows become columns

# .T reads A's memory column by column: not contiguous, so view fails
print("A.T is contiguous?", A.T.is_contiguous())
try:
    A.T.view(6)
except RuntimeError as err:
    print("A.T.view(6) raises RuntimeError:", err)
print("A.T.reshape(6):", A.T.reshape(6))  # reshape copies instead
# --8<-- [end:transpose]
# --8<-- [start:join]
first = torch.tensor([[1, 2, 3], [4, 5, 6]])  # shape (2, 3)
second = torch.tensor([[7, 8, 9]])  # shape (1, 3)

# cat: join along an existing axis; the other sizes must match
rows = torch.cat([first, second], dim=0)  # 2 + 1 rows
print(f"cat along dim 0, shape {tuple(rows.shape)}:\n{rows}")

# stack: same-shaped tensors side by side along a NEW axis
distance = torch.tensor([5.0, 6.0, 7.0])
minutes = torch.tensor([22.2, 25.6, 29.0])
pairs = torch.stack([distance, minutes], dim=1)  # (3,) and (3,) -> (3, 2)
print(f"stack along dim 1, shape {tuple(pairs.shape)}:\n{pairs}")
print(
    "stack along dim 0, shape", tuple(torch.stack([distance, minutes]).shape)
)
# --8<-- [end:join]

assert rows.shape == (3, 3) and rows[2].tolist() == [7, 8, 9]
assert pairs.shape == (3, 2) and torch.equal(pairs[:, 1], minutes)

# The failure shown above must still happen.
try:
    A.T.view(6)
except RuntimeError:
    pass
else:
    raise AssertionError("view of a transposed tensor no longer raises")
assert A.T.shape == (3, 2) and A.T.reshape(6).tolist() == [0, 3, 1, 4, 2, 5]
