"""Draw the six stages of the machine learning pipeline as a diagram.

Six boxes, left to right, joined by arrows: get and prepare the data,
wrap it in a Dataset and DataLoader, define the model, choose a loss and
an optimizer, train, and evaluate. A curved arrow from the last stage back
to the model says that evaluation often sends us round again.
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
width, height, gap = 1.75, 1.1, 0.4
for i, (stage, detail) in enumerate(zip(stages, details, strict=True)):
    left = i * (width + gap)
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
    ax.text(center, 0.65, stage, ha="center", va="center", fontsize=9)
    ax.text(center, 0.15, detail, ha="center", fontsize=7.5, style="italic")
    if i < len(stages) - 1:  # an arrow to the next box
        ax.annotate(
            "",
            xy=(left + width + gap - 0.05, height / 2),
            xytext=(left + width + 0.05, height / 2),
            arrowprops={"arrowstyle": "-|>", "color": "black"},
        )

# Evaluation often sends us back to change the model or its settings
step = width + gap
ax.annotate(
    "",
    xy=(2 * step + width / 2, -0.1),
    xytext=(5 * step + width / 2, -0.1),
    arrowprops={
        "arrowstyle": "-|>",
        "linestyle": "--",
        "color": "gray",
        "connectionstyle": "arc3,rad=-0.25",
    },
)
ax.text(
    3.5 * step + width / 2,
    -1.05,
    "not good enough? change the model or its settings and train again",
    ha="center",
    fontsize=8,
    color="dimgray",
)
ax.set_xlim(-0.2, 6 * step)
ax.set_ylim(-1.2, 1.3)
ax.set_aspect("equal")
ax.axis("off")
ax.set_title("The machine learning pipeline")
plt.show()
