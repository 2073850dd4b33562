"""Broadcasting: how tensors of different shapes combine element-wise.

PyTorch lines the two shapes up from the right. Two sizes fit if they are
equal or if one of them is 1; a size-1 axis is stretched (conceptually
copied) to match the other. A (3, 1) column plus a (1, 4) row therefore gives
a (3, 4) grid. The second part draws that stretching as grids of cells.
"""

# --8<-- [start:rules]
import matplotlib.pyplot as plt
import torch

col = torch.tensor([[0], [10], [20]])  # shape (3, 1)
row = torch.tensor([[1, 2, 3, 4]])  # shape (1, 4)
grid = col + row  # (3, 1) and (1, 4) -> (3, 4)
print(
    "col", tuple(col.shape), "+ row", tuple(row.shape), "->", tuple(grid.shape)
)
print(grid)

# A plain number broadcasts to every element
print("grid * 2, first row:", (grid * 2)[0])

# Centring each column of a batch: (5, 3) minus its column means (3,)
X = torch.arange(15.0).reshape(5, 3)
col_means = X.mean(dim=0)  # one mean per column, shape (3,)
centred = X - col_means  # (3,) is treated as (1, 3), then stretched to (5, 3)
print("column means:", col_means)
print("centred column means:", centred.mean(dim=0))

# Shapes that do not fit raise an error: the last sizes, 2 and 3, differ
try:
    torch.ones(3, 2) + torch.ones(3)
except RuntimeError as err:
    print("(3, 2) + (3,) raises RuntimeError:", err)


# --8<-- [end:rules]
# --8<-- [start:figure]
def draw_grid(ax, values, stored_shape, colour, title):
    """Draw a 2-D tensor as cells; cells that exist only by stretching
    are pale. The dark fills keep white numbers legible (contrast > 4.5).
    """
    n_rows, n_cols = values.shape
    for i in range(n_rows):
        for j in range(n_cols):
            stored = i < stored_shape[0] and j < stored_shape[1]
            cell = plt.Rectangle(
                (j, n_rows - 1 - i),  # (x, y) of the corner; row 0 on top
                1,
                1,
                facecolor=colour,
                alpha=1.0 if stored else 0.25,
                edgecolor="black",
                linestyle="-" if stored else "--",
            )
            ax.add_patch(cell)
            ax.text(
                j + 0.5,
                n_rows - 0.5 - i,
                str(values[i, j].item()),
                ha="center",
                va="center",
                color="white" if stored else "black",
            )
    ax.set_xlim(-0.1, 4.1)
    ax.set_ylim(-0.1, 3.1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_title(title, fontsize=10)


fig, axes = plt.subplots(1, 3, figsize=(10, 3.2))
# expand() gives the stretched view that broadcasting uses behind the scenes
draw_grid(axes[0], col.expand(3, 4), (3, 1), "#1f77b4", "col (3, 1) → (3, 4)")
draw_grid(axes[1], row.expand(3, 4), (1, 4), "#1b7a1b", "row (1, 4) → (3, 4)")
draw_grid(axes[2], grid, (3, 4), "#6a3d9a", "col + row: (3, 4)")
# Put "+" and "=" in the gaps between the panels
for left, right, sign in [(axes[0], axes[1], "+"), (axes[1], axes[2], "=")]:
    x_mid = (left.get_position().x1 + right.get_position().x0) / 2
    fig.text(x_mid, 0.45, sign, fontsize=22, ha="center", va="center")
fig.suptitle("Pale cells are never stored: PyTorch re-reads the solid ones")
plt.show()
# --8<-- [end:figure]

assert grid.shape == (3, 4) and grid[2, 3].item() == 24
assert torch.equal(centred.mean(dim=0), torch.zeros(3))
# The failure shown above must still happen.
try:
    torch.ones(3, 2) + torch.ones(3)
except RuntimeError:
    pass
else:
    raise AssertionError("(3, 2) + (3,) no longer raises")
