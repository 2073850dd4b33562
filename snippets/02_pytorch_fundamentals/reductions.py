"""Reductions: sum, mean and max over a whole tensor or along one axis.

Without ``dim`` a reduction collapses every element into one number. With
``dim=0`` it collapses the rows (one result per column); with ``dim=1`` it
collapses the columns (one result per row). ``max`` along a dim returns both
the largest values and where they are.
"""

# --8<-- [start:reduce]
import torch

# Scores of 3 students (rows) on 4 quizzes (columns)
scores = torch.tensor(
    [
        [7.0, 9.0, 6.0, 8.0],
        [5.0, 4.0, 9.0, 6.0],
        [9.0, 8.0, 7.0, 10.0],
    ]
)

# %% Whole tensor
print("sum of all:", scores.sum().item())
print(f"mean of all: {scores.mean().item():.4f}")

# %% Along an axis: the axis you name is the one that disappears
print("mean per quiz    (dim=0):", scores.mean(dim=0))  # shape (4,)
print("mean per student (dim=1):", scores.mean(dim=1))  # shape (3,)

# %% max along a dim gives values and their positions (indices)
best, best_quiz = scores.max(dim=1)
print("best score per student:", best)
print("quiz where it happened:", best_quiz)
print("argmax per quiz:", scores.argmax(dim=0))

# %% keepdim=True keeps the axis with size 1, ready for broadcasting
row_sums = scores.sum(dim=1, keepdim=True)  # shape (3, 1)
shares = scores / row_sums  # each row now adds up to 1
print("row_sums shape:", tuple(row_sums.shape))
print("shares sum per row:", shares.sum(dim=1).round(decimals=4))
# --8<-- [end:reduce]

assert scores.sum().item() == 88.0
assert scores.mean(dim=1).tolist() == [7.5, 6.0, 8.5]
assert best_quiz.tolist() == [1, 2, 3]
assert torch.allclose(shares.sum(dim=1), torch.ones(3))
