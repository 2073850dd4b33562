"""One step of data parallelism, with real numbers: the all-reduce.

Two ranks each hold a copy of ddp_train.py's model, nn.Linear(1, 1) made
from the same seed, and each takes its half of the first batch of 16, as a
DistributedSampler deals it. Each computes the gradient of its own loss;
the all-reduce averages the two; the average equals the gradient of the
whole batch, so both copies take the same step. The numbers are computed
here in one process and drawn as a diagram.
"""

# ddp_train.py sits next to this file; importing it only defines things
import ddp_train
import matplotlib.pyplot as plt
import torch
from matplotlib.patches import FancyBboxPatch
from torch import nn
from torch.utils.data.distributed import DistributedSampler

# --8<-- [start:diagram]
dataset = ddp_train.make_data()


def half_batch(rank):
    """Rank `rank`'s first 8 examples when 2 ranks share the data."""
    sampler = DistributedSampler(
        dataset, num_replicas=2, rank=rank, shuffle=True, seed=0
    )
    return dataset[list(sampler)[:8]]


def gradient(X, y):
    """d loss / d (w, b) for the starting model, on examples X, y."""
    torch.manual_seed(0)  # the starting weights every rank builds
    model = nn.Linear(1, 1)
    nn.MSELoss()(model(X), y).backward()
    return torch.cat([model.weight.grad.flatten(), model.bias.grad])


torch.manual_seed(0)
start = torch.cat([p.detach().flatten() for p in nn.Linear(1, 1).parameters()])
grads = [gradient(*half_batch(rank)) for rank in (0, 1)]
average = (grads[0] + grads[1]) / 2  # what the all-reduce leaves on both
X_all = torch.cat([half_batch(0)[0], half_batch(1)[0]])
y_all = torch.cat([half_batch(0)[1], half_batch(1)[1]])
torch.testing.assert_close(average, gradient(X_all, y_all))  # whole batch
new = start - ddp_train.lr * average  # the SGD step both ranks take


def box(ax, x, y, text, color, height=0.9):
    ax.add_patch(
        FancyBboxPatch(
            (x - 1.6, y - height / 2),
            3.2,
            height,
            boxstyle="round,pad=0.05",
            facecolor=color,
            edgecolor="black",
        )
    )
    ax.text(x, y, text, ha="center", va="center", fontsize=9.5)


def arrow(ax, start_xy, end_xy):
    ax.annotate(
        "",
        xy=end_xy,
        xytext=start_xy,
        arrowprops={"arrowstyle": "-|>", "color": "black"},
    )


fig, ax = plt.subplots(figsize=(9, 5.2))
w0, b0 = start.tolist()
for rank, x in [(0, 2), (1, 8)]:
    g_w, g_b = grads[rank].tolist()
    box(
        ax,
        x,
        4,
        f"rank {rank}: model copy\nw = {w0:.3f}, b = {b0:.3f}",
        "bisque",
    )
    box(
        ax,
        x,
        2.8,
        f"its 8 examples: gradient\nfor w {g_w:+.3f}, for b {g_b:+.3f}",
        "bisque",
    )
    arrow(ax, (x, 3.55), (x, 3.25))
    arrow(ax, (x, 2.35), (5 + (x - 5) * 0.45, 1.85))
    box(
        ax,
        x,
        0.1,
        f"same step on rank {rank}:\n(w, b) − {ddp_train.lr} × average\n"
        f"w = {new[0]:.3f}, b = {new[1]:.3f}",
        "lightgreen",
        height=1.1,
    )
    arrow(ax, (5 + (x - 5) * 0.45, 1.15), (x, 0.65))
a_w, a_b = average.tolist()
box(
    ax,
    5,
    1.5,
    f"all-reduce: the average\nfor w {a_w:+.3f}, for b {a_b:+.3f}",
    "lightblue",
)
ax.set_xlim(0, 10)
ax.set_ylim(-0.6, 4.7)
ax.axis("off")
ax.set_title("One step of DDP: two half-batch gradients, one average")
plt.show()
# --8<-- [end:diagram]
# The numbers the text gives: start, the two gradients, their average
assert [round(v, 3) for v in start.tolist()] == [-0.007, 0.536], start
assert [round(v, 3) for v in grads[0].tolist()] == [-1.315, -0.381]
assert [round(v, 3) for v in grads[1].tolist()] == [-1.138, -0.519]
assert [round(v, 3) for v in average.tolist()] == [-1.226, -0.45]
assert [round(v, 3) for v in new.tolist()] == [0.606, 0.761], new
