"""Exercise 3: a binary cross-entropy on logits that never overflows.

For a logit z and label y, -[y log sigmoid(z) + (1-y) log(1 - sigmoid(z))]
simplifies to max(z, 0) - z*y + log(1 + exp(-|z|)). The exp now only sees
numbers at or below 0, so it cannot overflow, and log1p keeps precision
when exp(-|z|) is tiny. It matches BCEWithLogitsLoss even at z = +-200,
where sigmoid-then-log fails.
"""

# --8<-- [start:solution]
import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def stable_bce_with_logits(z, y):
    per_example = z.clamp(min=0) - z * y + torch.log1p(torch.exp(-z.abs()))
    return per_example.mean()


z = torch.tensor([-200.0, -5.0, 0.0, 5.0, 200.0], device=device)
y = torch.tensor([1.0, 0.0, 1.0, 1.0, 0.0], device=device)

mine = stable_bce_with_logits(z, y)
torch_loss = nn.BCEWithLogitsLoss()(z, y)
p = torch.sigmoid(z)
naive = -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()

print(f"stable formula:       {mine.item():.4f}")
print(f"BCEWithLogitsLoss:    {torch_loss.item():.4f}")
print(f"sigmoid, then log:    {naive.item()}")
torch.testing.assert_close(mine, torch_loss)
# --8<-- [end:solution]

assert torch.isfinite(mine)
assert not torch.isfinite(naive)  # log(0) = -inf gets in
