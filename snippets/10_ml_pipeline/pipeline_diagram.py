"""Draw the six stages of the machine learning pipeline as a diagram.

Six boxes, left to right, joined by arrows: get and prepare the data,
wrap it in a Dataset and DataLoader, define the model, choose a loss and
an optimizer, train, and evaluate. A dashed arrow runs from the last stage
back under the row to the model, with its label beneath it: evaluation
often sends us round again.
"""

import matplotlib.pyplot as plt
from matplotlib.patches import FancyBboxPatch

stages = [
    "1. Get and\nprepare data",
    "2. Dataset and\nDataLoader",
    "3. Define\nthe model",
    "4. Choose loss\nand optimizer",
    "5. Train\n(the loop)",
    "6. Evaluate",
]
details = [
    "split, standardise",
    "mini-batches",
    "nn.Module",
    "what and how",
    "epochs of updates",
    "held-out data",
]

fig, ax = plt.subplots(figsize=(10, 3))
width, height, gap = 1.85, 1.1, 0.35
step = width + gap
for i, (stage, detail) in enumerate(zip(stages, details, strict=True)):
    left = i * step
    box = FancyBboxPatch(
        (left, 0),
        width,
        height,
        boxstyle="round,pad=0.05",
        facecolor="bisque",
        edgecolor="black",
    )
    ax.add_patch(box)
    center = left + width / 2
    ax.text(center, 0.65, stage, ha="center", va="center", fontsize=10)
    ax.text(center, 0.15, detail, ha="center", fontsize=8.5, style="italic")
    if i < len(stages) - 1:  # an arrow to the next box
        ax.annotate(
            "",
            xy=(left + step - 0.05, height / 2),
            xytext=(left + width + 0.05, height / 2),
            arrowprops={"arrowstyle": "-|>", "color": "black"},
        )

# The way back: down from box 6, left under the row, up into box 3
back_from, back_to, low = 5 * step + width / 2, 2 * step + width / 2, -0.55
ax.plot(
    [back_from, back_from, back_to],
    [-0.08, low, low],
    linestyle="--",
    color="dimgray",
)
ax.annotate(
    "",
    xy=(back_to, -0.08),
    xytext=(back_to, low),
    arrowprops={"arrowstyle": "-|>", "color": "dimgray", "linestyle": "--"},
)
ax.text(
    (back_from + back_to) / 2,
    low - 0.12,
    "not good enough? change the model or its settings and train again",
    ha="center",
    va="top",
    fontsize=9.5,
    color="dimgray",
)
ax.set_xlim(-0.2, 6 * step)
ax.set_ylim(-1.05, 1.3)
ax.set_aspect("equal")
ax.axis("off")
ax.set_title("The machine learning pipeline")
plt.show()
