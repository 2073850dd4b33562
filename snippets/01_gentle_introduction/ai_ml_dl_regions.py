"""Draw AI, machine learning and deep learning as nested regions.

Each field sits inside the one before it: every deep learning model is a
machine learning model, and every machine learning system is a kind of
artificial intelligence, but not the other way round. The figure draws three
ellipses inside one another and names a few members of each ring; a few
lines of Python sets then check the same containment.
"""

# --8<-- [start:figure]
import matplotlib.pyplot as plt
from matplotlib.patches import Ellipse

# Largest region first: (name, width, height, colour).
regions = [
    ("Artificial intelligence", 10.0, 7.0, "#deebf7"),
    ("Machine learning", 7.6, 4.8, "#9ecae1"),
    ("Deep learning", 4.6, 2.4, "#4292c6"),
]
examples = {  # each line of text is one line in the figure
    "Artificial intelligence": ["game search, hand-written rules"],
    "Machine learning": [
        "linear regression,",
        "decision trees,",
        "nearest neighbours",
    ],
    "Deep learning": ["image, speech and", "language networks"],
}

fig, ax = plt.subplots(figsize=(7, 5))
bottom = 0.2  # all rings touch at this lowest point
for name, width, height, colour in regions:
    centre = (5.0, bottom + height / 2)
    ax.add_patch(Ellipse(centre, width, height, fc=colour, ec="black"))
    # Write the name and a few members in the band at the ring's top.
    top = bottom + height
    ax.text(5.0, top - 0.55, name, fontsize=12, weight="bold", ha="center")
    members = "\n".join(examples[name])
    ax.text(5.0, top - 0.85, members, fontsize=9, ha="center", va="top")

ax.set_xlim(-0.2, 10.2)
ax.set_ylim(0, 7.4)
ax.set_aspect("equal")
ax.axis("off")
ax.set_title("Deep learning inside machine learning inside AI")
plt.show()
# --8<-- [end:figure]

# --8<-- [start:sets]
# The containment the picture shows, written as Python sets.
dl = {"image classifier", "speech recogniser", "language model"}
ml = dl | {"linear regression", "decision tree", "nearest neighbours"}
ai = ml | {"chess search", "hand-written rules"}
print("DL is a subset of ML:", dl <= ml)
print("ML is a subset of AI:", ml <= ai)
print("AI is a subset of DL:", ai <= dl)
# --8<-- [end:sets]

assert dl < ml < ai  # each set is strictly inside the next
