"""Change a tensor's shape without changing its numbers.

``view`` and ``reshape`` regroup the same elements into a new shape (``-1``
means "work this size out for me"). ``permute`` reorders the axes.
``unsqueeze`` inserts an axis of size 1 and ``squeeze`` removes them. The
element count never changes: 12 numbers can be 3x4, 2x6 or 2x2x3, never 5x3.
"""

# --8<-- [start:reshape]
import torch

torch.manual_seed(0)

x = torch.arange(12)
print("x:", x, "shape", tuple(x.shape))

# %% view and reshape: same 12 numbers, read row by row
grid = x.view(3, 4)
print(f"x.view(3, 4):\n{grid}")
cube = x.reshape(2, 2, 3)
print("x.reshape(2, 2, 3) shape:", tuple(cube.shape))
print("x.view(-1, 6) shape:    ", tuple(x.view(-1, 6).shape))

# %% permute reorders axes, e.g. an image from (H, W, C) to (C, H, W)
image_hwc = torch.rand(32, 48, 3)  # height, width, colour channels
image_chw = image_hwc.permute(2, 0, 1)
print(
    "permute(2, 0, 1):", tuple(image_hwc.shape), "->", tuple(image_chw.shape)
)

# %% unsqueeze adds an axis of size 1, squeeze drops it again
batch = image_chw.unsqueeze(0)  # a batch holding one image
print("unsqueeze(0):", tuple(batch.shape))
print("squeeze():   ", tuple(batch.squeeze().shape))
row = torch.tensor([1.0, 2.0, 3.0])
print("as column:", tuple(row.unsqueeze(1).shape))
# --8<-- [end:reshape]

assert grid.shape == (3, 4) and x.view(-1, 6).shape == (2, 6)
assert cube.shape == (2, 2, 3)
assert image_chw.shape == (3, 32, 48) and batch.shape == (1, 3, 32, 48)
