"""Exercise 1: how many batches, and how many updates?

A training set of 300 examples goes through a DataLoader with batch sizes
8, 32 and 100, with and without drop_last=True. We count the batches one
epoch gives, the size of the last batch, and the optimizer steps that 50
epochs would take, and check the counts against the formula.
"""

# --8<-- [start:solution]
import torch
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)

n = 300
dataset = TensorDataset(torch.randn(n, 2), torch.randint(0, 2, (n, 1)))
num_epochs = 50

counts = {}  # (batch_size, drop_last): batches per epoch
for batch_size in [8, 32, 100]:
    for drop_last in [False, True]:
        loader = DataLoader(
            dataset, batch_size=batch_size, shuffle=True, drop_last=drop_last
        )
        sizes = [len(X_batch) for X_batch, _ in loader]
        counts[batch_size, drop_last] = len(sizes)
        print(
            f"batch_size {batch_size:3d}  drop_last {drop_last!s:5}  "
            f"batches {len(sizes):2d}  last batch {sizes[-1]:3d}  "
            f"steps in {num_epochs} epochs {len(sizes) * num_epochs:5d}"
        )
# --8<-- [end:solution]

for (batch_size, drop_last), count in counts.items():
    # round down to drop the leftover batch, up to keep it
    formula = n // batch_size if drop_last else -(-n // batch_size)
    assert count == formula, (batch_size, drop_last)
assert counts[8, False] == 38 and counts[8, True] == 37  # 37 of 8, one of 4
assert counts[100, False] == counts[100, True] == 3  # 300 = 3 * 100
