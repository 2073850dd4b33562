"""Draw a timeline of milestones in the history of neural networks.

The events are kept in one Python list, so the printed list and the
figure cannot disagree. Each event sits on a stem above or below the
axis; the stem heights only keep the labels apart and mean nothing.
"""

# --8<-- [start:timeline]
import matplotlib.pyplot as plt

# (year on the axis, year as written, milestone, stem height).
# Stem heights alternate only to keep the labels from overlapping.
events = [
    (1943, "1943", "McCulloch & Pitts:\nmathematical neuron", 1.0),
    (1958, "1958", "Rosenblatt:\nperceptron", -1.0),
    (1960, "1960-61", "Kelley, Bryson:\nroots of backpropagation", 3.0),
    (1969, "1969", "Minsky & Papert:\nlimits of perceptrons", -2.4),
    (1980, "1979-80", "Fukushima:\nneocognitron", 1.0),
    (1982, "1982", "Hopfield:\nassociative memory", -1.0),
    (1986, "1986", "Rumelhart, Hinton &\nWilliams: backprop", 3.0),
    (1997, "1997", "Hochreiter &\nSchmidhuber: LSTM", -1.0),
    (1998, "1998", "LeCun et al.:\nLeNet-5", 1.0),
    (2006, "2006", "Hinton et al.:\ndeep belief nets", -1.0),
    (2012, "2012", "AlexNet", 1.0),
    (2014, "2014", "GANs", -1.0),
    (2015, "2015", "ResNet", 2.4),
    (2017, "2017", "Transformer", -2.4),
    (2020, "2020", "GPT-3", 1.0),
    (2022, "2022", "ChatGPT", -1.0),
]

# The events as a list, one line each.
for _, when, label, _ in events:
    print(f"{when:<8} {label.replace(chr(10), ' ')}")

# Two rows, so that the crowded years after 2000 get room of their own.
rows = [  # first year, last year, years with a tick
    (1938, 2002, range(1940, 2001, 10)),
    (2003, 2025, range(2005, 2026, 5)),
]
fig, axes = plt.subplots(2, 1, figsize=(7.5, 6.5))
for ax, (first, last, ticks) in zip(axes, rows):
    ax.axhline(0, color="black", linewidth=1)
    for year, when, label, height in events:
        if not first <= year <= last:
            continue
        ax.vlines(year, 0, height, color="tab:blue", linewidth=1)
        ax.plot(year, 0, "o", color="tab:blue", markersize=5)
        if height > 0:  # above the axis: the year goes on top
            text, va = f"{when}\n{label}", "bottom"
        else:  # below the axis: the year goes underneath
            text, va = f"{label}\n{when}", "top"
        ax.text(year, height, text, ha="center", va=va, fontsize=10)
    ax.set_xlim(first, last)
    ax.set_ylim(-4.4, 4.8)
    ax.set_xticks(ticks)
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
axes[1].set_xlabel("Year")
fig.suptitle("Some milestones of neural networks and deep learning")
fig.tight_layout()
plt.show()
# --8<-- [end:timeline]

years = [year for year, _, _, _ in events]
assert years == sorted(years)  # the list is in time order
assert years[0] == 1943 and years[-1] == 2022
