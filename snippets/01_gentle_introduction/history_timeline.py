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
    (1943, "1943", "McCulloch & Pitts:\nmathematical neuron", 2.6),
    (1958, "1958", "Rosenblatt:\nperceptron", -2.6),
    (1960, "1960-61", "Kelley, Bryson:\nroots of backpropagation", 1.3),
    (1969, "1969", "Minsky & Papert:\nlimits of perceptrons", -1.3),
    (1980, "1979-80", "Fukushima:\nneocognitron", 2.6),
    (1982, "1982", "Hopfield:\nrecurrent network", -2.6),
    (1986, "1986", "Rumelhart, Hinton &\nWilliams: backprop", 1.3),
    (1997, "1997", "Hochreiter &\nSchmidhuber: LSTM", -1.3),
    (1998, "1998", "LeCun et al.:\nLeNet-5", 2.6),
    (2006, "2006", "Hinton et al.:\ndeep belief nets", -2.6),
    (2012, "2012", "AlexNet", 1.3),
    (2014, "2014", "GANs", -1.3),
    (2015, "2015", "ResNet", 2.6),
    (2017, "2017", "Transformer", -2.6),
    (2020, "2020", "GPT-3", 1.3),
    (2022, "2022", "ChatGPT", -1.3),
]

# The events as a list, one line each.
for _, when, label, _ in events:
    print(f"{when:<8} {label.replace(chr(10), ' ')}")

fig, ax = plt.subplots(figsize=(11, 5))
ax.axhline(0, color="black", linewidth=1)
for year, when, label, height in events:
    ax.vlines(year, 0, height, color="tab:blue", linewidth=1)
    ax.plot(year, 0, "o", color="tab:blue", markersize=5)
    if height > 0:  # above the axis: the year goes on top
        text, va = f"{when}\n{label}", "bottom"
    else:  # below the axis: the year goes underneath
        text, va = f"{label}\n{when}", "top"
    ax.text(year, height, text, ha="center", va=va, fontsize=8)

ax.set_xlim(1936, 2029)
ax.set_ylim(-4.3, 4.3)
ax.set_yticks([])
ax.set_xlabel("Year")
ax.set_title("Some milestones of neural networks and deep learning")
for side in ("left", "right", "top"):
    ax.spines[side].set_visible(False)
plt.show()
# --8<-- [end:timeline]

years = [year for year, _, _, _ in events]
assert years == sorted(years)  # the list is in time order
assert years[0] == 1943 and years[-1] == 2022
