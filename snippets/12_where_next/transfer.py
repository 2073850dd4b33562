"""Transfer learning: pre-train on digits, fine-tune on mirror writing.

Task A: read the handwritten digits 0 to 9, with every label we have.
Task B: read the same digits written in a mirror (each image flipped left
to right), with only a few labelled examples of each. A small CNN trained
on task A is reused for task B in three ways: not at all (trained from
scratch), frozen (only a new last layer learns) and fine-tuned (every
weight goes on learning). Each setting is repeated for five random draws
of the few labels and measured on mirrored validation images. Everything
is trained here, from nothing: no downloaded weights.
"""

import copy

import matplotlib.pyplot as plt
import numpy as np
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

# --8<-- [start:data]
digits = load_digits()
y = digits.target
idx = np.arange(len(y))
rest_idx, _ = train_test_split(idx, test_size=0.2, stratify=y, random_state=2)
train_idx, val_idx = train_test_split(
    rest_idx, test_size=0.25, stratify=y[rest_idx], random_state=2
)
# Task A and task B draw on different training images
a_idx, b_idx = train_test_split(
    train_idx, test_size=0.2, stratify=y[train_idx], random_state=0
)
X = torch.tensor(digits.images / 16.0, dtype=torch.float32).unsqueeze(1)
y = torch.tensor(y)
mirrored = X.flip(dims=[3])  # flip every image left to right
print("task A: ", len(a_idx), "labelled digits")
print("task B: ", len(b_idx), "mirrored digits to draw a few labels from")
print("validation:", len(val_idx), "images, upright and mirrored")
# --8<-- [end:data]


def make_body():
    """The convolution layers of the chapter's CNN: 64 features out."""
    return nn.Sequential(
        nn.Conv2d(1, 8, kernel_size=3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(8, 16, kernel_size=3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
    )


def accuracy(model, X_part, y_part):
    with torch.no_grad():
        predicted = model(X_part.to(device)).argmax(dim=1).cpu()
    return (predicted == y_part).float().mean().item()


loss_fn = nn.CrossEntropyLoss()

# --8<-- [start:pretrain]
torch.manual_seed(0)
pretrained = nn.Sequential(make_body(), nn.Linear(64, 10)).to(device)
optimizer = torch.optim.Adam(pretrained.parameters(), lr=0.01)
for _ in range(20):  # epochs of mini-batches on task A
    order = torch.from_numpy(a_idx)[torch.randperm(len(a_idx))]
    for start in range(0, len(order), 64):
        batch = order[start : start + 64]
        optimizer.zero_grad()
        logits = pretrained(X[batch].to(device))
        loss_fn(logits, y[batch].to(device)).backward()
        optimizer.step()
upright = accuracy(pretrained, X[val_idx], y[val_idx])
in_mirror = accuracy(pretrained, mirrored[val_idx], y[val_idx])
print(f"task A model on upright digits:  {upright:.3f}")
print(f"task A model on mirrored digits: {in_mirror:.3f}")
# --8<-- [end:pretrain]


# --8<-- [start:fine_tune]
def train_task_b(how, few_idx, seed, steps=100):
    """A model for task B: from scratch, frozen or fine-tuned."""
    torch.manual_seed(seed)
    if how == "from scratch":
        body = make_body()
    else:  # start from a copy of the task A model's convolution layers
        body = copy.deepcopy(pretrained[0])
    head = nn.Linear(64, 10)  # always a new last layer
    model = nn.Sequential(body, head).to(device)
    if how == "frozen":
        for p in body.parameters():
            p.requires_grad_(False)  # the body keeps its task A weights
        optimizer = torch.optim.Adam(head.parameters(), lr=0.01)
    else:
        optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    X_few = mirrored[few_idx].to(device)
    y_few = y[few_idx].to(device)
    for _ in range(steps):  # all the few examples in every step
        optimizer.zero_grad()
        loss_fn(model(X_few), y_few).backward()
        optimizer.step()
    return accuracy(model, mirrored[val_idx], y[val_idx])


def draw_few(k, draw):
    """k labelled task B images of each digit, drawn at random."""
    rng = np.random.default_rng(draw)
    pools = [b_idx[y[b_idx] == d] for d in range(10)]  # one per digit
    return np.concatenate(
        [rng.choice(pool, k, replace=False) for pool in pools]
    )


ways = ["from scratch", "frozen", "fine-tuned"]
labels_per_digit = [1, 3, 10]
results = {(how, k): [] for how in ways for k in labels_per_digit}
for k in labels_per_digit:
    for draw in range(5):
        few_idx = draw_few(k, draw)
        for how in ways:
            results[how, k].append(train_task_b(how, few_idx, seed=draw))
    row = ", ".join(f"{how} {np.mean(results[how, k]):.3f}" for how in ways)
    print(f"{k:2d} labels per digit: {row}")
# --8<-- [end:fine_tune]
# --8<-- [start:plot]
fig, ax = plt.subplots(figsize=(6.5, 4))
for how, style in zip(ways, ["o-", "s--", "^:"], strict=True):
    ax.plot(
        labels_per_digit,
        [np.mean(results[how, k]) for k in labels_per_digit],
        style,
        markersize=8,
        label=how,
    )
ax.set_xscale("log")
ax.minorticks_off()
ax.set_xticks(labels_per_digit, [str(k) for k in labels_per_digit])
ax.set_xlabel("labelled mirrored images per digit")
ax.set_ylabel("validation accuracy (mean of 5 draws)")
ax.set_title("Task B with few labels: reuse what task A learned")
ax.legend()
plt.show()
# --8<-- [end:plot]
mean = {key: float(np.mean(value)) for key, value in results.items()}
# "with 3 labels per digit: 0.76 from scratch, 0.81 frozen, 0.80 fine-tuned"
for how, value in zip(ways, [0.76, 0.81, 0.80], strict=True):
    assert abs(mean[how, 3] - value) < 0.02, mean
for k, gain in [(1, 0.05), (3, 0.03)]:  # transfer pays with few labels,
    for how in ["frozen", "fine-tuned"]:  # on average and in every draw
        assert mean[how, k] - mean["from scratch", k] > gain, mean
        pairs = zip(results[how, k], results["from scratch", k], strict=True)
        assert all(reused > scratch for reused, scratch in pairs), results
for how in ["frozen", "fine-tuned"]:  # ... and no longer with 10
    assert abs(mean[how, 10] - mean["from scratch", 10]) < 0.03, mean

assert upright > 0.95, upright  # "above 0.95"
assert in_mirror < 0.5, in_mirror  # "fewer than half of them"
# The figure: from scratch 0.61 -> 0.76 -> 0.90; reused about 0.69 with 1
# label per digit; all three about 0.89 to 0.90 with 10
assert abs(mean["from scratch", 1] - 0.61) < 0.02, mean
assert abs(mean["frozen", 1] - 0.69) < 0.02, mean
assert abs(mean["fine-tuned", 1] - 0.69) < 0.02, mean
assert all(abs(mean[how, 10] - 0.9) < 0.015 for how in ways), mean
