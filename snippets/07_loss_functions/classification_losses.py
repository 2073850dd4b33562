"""Cross-entropy four ways: from probabilities and from logits.

For yes/no labels, BCELoss takes probabilities (after a sigmoid) and
BCEWithLogitsLoss takes the raw scores (logits) and applies the sigmoid
itself. For one-of-K labels, NLLLoss takes log-probabilities (after
log_softmax) and CrossEntropyLoss takes the logits. Each pair gives the
same number, and both match the formula written out by hand.
"""

import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

# --8<-- [start:binary]
# Four examples, one raw score (logit) each, and the true 0/1 labels.
logits = torch.tensor([2.0, -1.0, 0.5, -3.0], device=device)
y = torch.tensor([1.0, 0.0, 0.0, 1.0], device=device)

p = torch.sigmoid(logits)  # probability of class 1
loss_from_p = nn.BCELoss()(p, y)
loss_from_logits = nn.BCEWithLogitsLoss()(logits, y)
by_hand = -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()

print("p(class 1):", [round(v, 3) for v in p.tolist()])
print(f"BCELoss(p, y)                {loss_from_p.item():.4f}")
print(f"BCEWithLogitsLoss(logits, y) {loss_from_logits.item():.4f}")
print(f"by hand                      {by_hand.item():.4f}")
torch.testing.assert_close(loss_from_p, by_hand)
torch.testing.assert_close(loss_from_logits, by_hand)
# --8<-- [end:binary]

# --8<-- [start:multiclass]
# Three examples, three classes: one row of logits per example.
logits = torch.tensor(
    [[2.0, 0.5, -1.0], [0.1, 0.2, 3.0], [1.0, 1.0, 1.0]], device=device
)
y = torch.tensor([0, 2, 1], device=device)  # the right class of each row

log_p = torch.log_softmax(logits, dim=1)  # log-probabilities
loss_nll = nn.NLLLoss()(log_p, y)
loss_ce = nn.CrossEntropyLoss()(logits, y)
# By hand: the mean of -log(probability given to the right class).
# [torch.arange(3), y] picks row i, column y[i], for every row i.
p_right = torch.softmax(logits, dim=1)[torch.arange(3), y]
by_hand = -torch.log(p_right).mean()

print("p(right class):", [round(v, 3) for v in p_right.tolist()])
print(f"NLLLoss(log_softmax(logits), y) {loss_nll.item():.4f}")
print(f"CrossEntropyLoss(logits, y)     {loss_ce.item():.4f}")
print(f"by hand                         {by_hand.item():.4f}")
torch.testing.assert_close(loss_nll, by_hand)
torch.testing.assert_close(loss_ce, by_hand)
# --8<-- [end:multiclass]

assert abs(loss_from_logits.item() - 1.1157) < 1e-3
# page: the slope of BCE with respect to each logit is (y_hat - y) / n.
# The binary data again (the multi-class section reused the names).
z = torch.tensor([2.0, -1.0, 0.5, -3.0], requires_grad=True)
labels = torch.tensor([1.0, 0.0, 0.0, 1.0])
nn.BCEWithLogitsLoss()(z, labels).backward()
torch.testing.assert_close(z.grad, (p.cpu() - labels) / len(labels))
# page: the fourth example (p = 0.047 for its true class 1) costs about 3.05
assert abs(-torch.log(p[3]).item() - 3.05) < 0.01
# Unlike BCE, MSE after a sigmoid has the factor sigmoid'(z) in its slope,
# which vanishes for a confident wrong answer (z = -10, label 1).
z_wrong = torch.tensor([-10.0], requires_grad=True)
nn.MSELoss()(torch.sigmoid(z_wrong), torch.ones(1)).backward()
assert abs(z_wrong.grad.item()) < 1e-3
z_wrong.grad = None
nn.BCEWithLogitsLoss()(z_wrong, torch.ones(1)).backward()
assert abs(z_wrong.grad.item() + 1) < 1e-3

# page: the third row is a coin toss between 3 classes, p = 1/3
assert abs(p_right[2].item() - 1 / 3) < 1e-6
# page: a uniform guess over 3 classes costs log(3), about 1.10
assert abs(-torch.log(p_right[2]).item() - 1.0986) < 1e-3
