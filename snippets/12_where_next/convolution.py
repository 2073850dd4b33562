"""How a convolution makes a feature map: one 3x3 filter slides over a digit.

We take one 8x8 digit (a 4) and a 3x3 filter that responds where ink
changes from left to right. At one position we multiply the 9 pixels under
the filter by its 9 weights and add them up by hand, and check that
PyTorch's conv2d gives the same number there. Then we draw the image with
the filter's window, the filter, and the whole feature map with the cell
that window produced.
"""

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from matplotlib.patches import ConnectionPatch, Rectangle
from sklearn.datasets import load_digits

# --8<-- [start:by_hand]
image = torch.tensor(load_digits().images[4], dtype=torch.float32)  # a 4
kernel = torch.tensor([[-1.0, 0.0, 1.0]] * 3)  # right minus left

# conv2d wants (batch, channels, height, width) for both
feature_map = F.conv2d(
    image.reshape(1, 1, 8, 8), kernel.reshape(1, 1, 3, 3), padding=1
).reshape(8, 8)

row, col = 3, 3  # the filter centred on pixel (3, 3)
patch = image[row - 1 : row + 2, col - 1 : col + 2]
print("pixels under the filter:\n", patch)
print("sum of pixels * weights:", (patch * kernel).sum().item())
print("feature map at (3, 3):  ", feature_map[row, col].item())
# --8<-- [end:by_hand]

# --8<-- [start:plot]
fig, axes = plt.subplots(
    1, 3, figsize=(9.5, 3.6), gridspec_kw={"width_ratios": [8, 3, 8]}
)
ax_image, ax_kernel, ax_map = axes
ax_image.imshow(image, cmap="gray_r", vmin=0, vmax=16)
window = Rectangle(
    (col - 1.5, row - 1.5), 3, 3, fill=False, lw=3, ec="tab:red"
)
ax_image.add_patch(window)  # the 9 pixels under the filter
ax_image.set_title("input image, 8 x 8")

ax_kernel.imshow(kernel, cmap="RdBu_r", vmin=-1.5, vmax=1.5)
for i in range(3):
    for j in range(3):
        weight = kernel[i, j].item()
        label = f"{weight:+.0f}" if weight != 0 else "0"
        ax_kernel.text(j, i, label, ha="center", va="center")
ax_kernel.set_title("filter, 3 x 3")

limit = feature_map.abs().max().item()
shown = ax_map.imshow(feature_map, cmap="RdBu_r", vmin=-limit, vmax=limit)
ax_map.add_patch(
    Rectangle((col - 0.5, row - 0.5), 1, 1, fill=False, lw=3, ec="tab:red")
)
value = feature_map[row, col].item()
ax_map.text(col, row, f"{value:.0f}", ha="center", va="center", fontsize=9)
ax_map.set_title("feature map, 8 x 8")
fig.colorbar(shown, ax=ax_map, shrink=0.8)
for ax in axes:
    ax.set_xticks([])
    ax.set_yticks([])
arrow = ConnectionPatch(  # from the window to the number it produces
    xyA=(col + 1.5, row - 1.5),
    coordsA=ax_image.transData,
    xyB=(col - 0.5, row - 0.5),
    coordsB=ax_map.transData,
    arrowstyle="-|>",
    connectionstyle="arc3,rad=-0.35",
    color="tab:red",
    lw=2,
)
fig.add_artist(arrow)
fig.subplots_adjust(bottom=0.14)
fig.text(
    0.47,
    0.03,
    "multiply the 9 pixels by the 9 weights and add: one number",
    ha="center",
)
plt.show()
# --8<-- [end:plot]
assert (patch * kernel).sum().item() == feature_map[row, col].item() == -18
# conv2d does not flip the filter (cross-correlation); a true convolution
# flips it in both directions and gets +18 here
flipped = F.conv2d(
    image.reshape(1, 1, 8, 8), kernel.flip(0, 1).reshape(1, 1, 3, 3), padding=1
)
assert flipped[0, 0, row, col].item() == 18
