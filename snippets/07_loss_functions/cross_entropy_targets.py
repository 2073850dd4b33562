"""The forms a cross-entropy target can take, and the options that tune it.

CrossEntropyLoss usually gets int64 class indices, one per example. It also
accepts a float tensor of class probabilities, one row per example: a
one-hot row gives the same loss as the index, and label_smoothing is the
same as mixing every one-hot row with the uniform distribution. Then the
options for imbalanced or partly labelled data: weight and ignore_index
for CrossEntropyLoss (with weight, index targets give a weighted mean and
probability targets a plain mean over the examples), pos_weight for
BCEWithLogitsLoss.
"""

import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

# --8<-- [start:targets]
logits = torch.tensor(
    [[2.0, 0.5, -1.0], [0.1, 0.2, 3.0], [1.0, 1.0, 1.0]], device=device
)
y = torch.tensor([0, 2, 1], device=device)  # class indices
print("index targets:", y.dtype, tuple(y.shape))

# Row k of the 3 x 3 identity matrix is the one-hot vector of class k.
one_hot = torch.eye(3, device=device)[y]
print("one-hot targets:", one_hot.dtype, tuple(one_hot.shape))
print(one_hot.tolist())

loss_fn = nn.CrossEntropyLoss()
print(f"with indices:  {loss_fn(logits, y).item():.4f}")
print(f"with one-hot:  {loss_fn(logits, one_hot).item():.4f}")

# Label smoothing: 90% on the right class, 10% spread over all 3.
smoothed = 0.9 * one_hot + 0.1 / 3
smooth_fn = nn.CrossEntropyLoss(label_smoothing=0.1)
print(f"label_smoothing=0.1:      {smooth_fn(logits, y).item():.4f}")
print(f"smoothed rows as targets: {loss_fn(logits, smoothed).item():.4f}")
# --8<-- [end:targets]

# --8<-- [start:options]
per_example = nn.CrossEntropyLoss(reduction="none")(logits, y)
print("loss per example:", [round(v, 3) for v in per_example.tolist()])

# weight: class 2 is rare, so each of its examples counts 5 times.
weight = torch.tensor([1.0, 1.0, 5.0], device=device)
weighted = nn.CrossEntropyLoss(weight=weight)(logits, y)
w_y = weight[y]  # the weight of each example's class
by_hand = (w_y * per_example).sum() / w_y.sum()
print(
    f"weight=[1, 1, 5]: {weighted.item():.4f} (by hand {by_hand.item():.4f})"
)
# With probability targets (here the one-hot rows) it divides by n instead.
weighted_p = nn.CrossEntropyLoss(weight=weight)(logits, one_hot)
print(f"weight=[1, 1, 5], one-hot targets: {weighted_p.item():.4f}")

# ignore_index: an example labelled -100 (the default) is left out.
y_partly = torch.tensor([0, 2, -100], device=device)
ignoring = nn.CrossEntropyLoss(ignore_index=-100)(logits, y_partly)
print(f"third label ignored: {ignoring.item():.4f}", end=" ")
print(f"(mean of the first two {per_example[:2].mean().item():.4f})")

# pos_weight: a yes/no loss that counts each positive example 3 times.
z = torch.tensor([0.5, -1.0, 2.0], device=device)
labels = torch.tensor([1.0, 0.0, 0.0], device=device)
plain = nn.BCEWithLogitsLoss(reduction="none")(z, labels)
pos_w = torch.tensor([3.0], device=device)
boosted = nn.BCEWithLogitsLoss(reduction="none", pos_weight=pos_w)(z, labels)
print("BCE per example:          ", [round(v, 3) for v in plain.tolist()])
print("with pos_weight=3:        ", [round(v, 3) for v in boosted.tolist()])
# --8<-- [end:options]

torch.testing.assert_close(loss_fn(logits, y), loss_fn(logits, one_hot))
torch.testing.assert_close(smooth_fn(logits, y), loss_fn(logits, smoothed))
assert y.dtype == torch.int64 and one_hot.dtype == torch.float32

torch.testing.assert_close(weighted, by_hand)
torch.testing.assert_close(weighted_p, (w_y * per_example).sum() / len(y))
torch.testing.assert_close(ignoring, per_example[:2].mean())
torch.testing.assert_close(boosted[0], 3 * plain[0])
torch.testing.assert_close(boosted[1:], plain[1:])
