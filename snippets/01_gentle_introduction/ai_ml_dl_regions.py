"""Draw AI, machine learning and deep learning as nested regions.

Each field sits inside the one before it: every deep learning model is a
machine learning model, and every machine learning system is a kind of
artificial intelligence, but not the other way round. The figure draws three
ellipses inside one another and names a few members of each ring; a few
lines of Python sets then check the same containment.
"""

import matplotlib.pyplot as plt
from matplotlib.patches import Ellipse

# Largest region first: (name, width, height, colour).
regions = [
    ("Artificial intelligence", 10.0, 7.0, "#deebf7"),
    ("Machine learning", 7.6, 4.8, "#9ecae1"),
    ("Deep learning", 4.6, 2.4, "#4292c6"),
]
examples = {
    "Artificial intelligence": "search, hand-written rules, expert systems",
    "Machine learning": "linear models, decision trees, random forests",
    "Deep learning": "CNNs, RNNs, Transformers",
}

fig, ax = plt.subplots(figsize=(7, 5))
bottom = 0.2  # all rings touch at this lowest point
for name, width, height, colour in regions:
    centre = (5.0, bottom + height / 2)
    ax.add_patch(Ellipse(centre, width, height, fc=colour, ec="black"))
    # Write the name and a few members in the band at the ring's top.
    top = bottom + height
    ax.text(5.0, top - 0.55, name, fontsize=12, weight="bold", ha="center")
    ax.text(5.0, top - 1.0, examples[name], fontsize=9, ha="center")

ax.set_xlim(-0.2, 10.2)
ax.set_ylim(0, 7.4)
ax.set_aspect("equal")
ax.axis("off")
ax.set_title("Deep learning inside machine learning inside AI")
plt.show()

# The containment the picture shows, written as Python sets.
dl = {"CNN", "RNN", "Transformer"}
ml = dl | {"linear regression", "decision tree", "random forest"}
ai = ml | {"chess search", "hand-written rules"}
print("DL is a subset of ML:", dl <= ml)
print("ML is a subset of AI:", ml <= ai)
print("AI is a subset of DL:", ai <= dl)
assert dl < ml < ai  # each set is strictly inside the next
