"""Solution to exercise 1: standardise every column with broadcasting.

Each of the 100 rows is one delivery with three features on very different
scales. Subtracting the column means and dividing by the column standard
deviations, both of shape (3,), broadcasts over all 100 rows at once. After
that every column has mean 0 and standard deviation 1.
"""

# --8<-- [start:solution]
import torch

torch.manual_seed(0)

# distance in miles (0-10), hour of day (0-24), rain in mm (0-5)
X = torch.rand(100, 3) * torch.tensor([10.0, 24.0, 5.0])

means = X.mean(dim=0)  # shape (3,)
stds = X.std(dim=0)  # shape (3,)
X_std = (X - means) / stds  # (100, 3) with (3,): broadcast over the rows

print("shape before and after:", tuple(X.shape), tuple(X_std.shape))
print("column means before:", means.round(decimals=2))
# abs() only hides the sign of tiny rounding errors, which print as -0.
print("column means after: ", X_std.mean(dim=0).abs().round(decimals=4))
print("column stds after:  ", X_std.std(dim=0).round(decimals=4))
# --8<-- [end:solution]

assert X_std.shape == (100, 3)
assert torch.allclose(X_std.mean(dim=0), torch.zeros(3), atol=1e-5)
assert torch.allclose(X_std.std(dim=0), torch.ones(3), atol=1e-5)
