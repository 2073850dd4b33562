"""Exercise 3: how often does XOR training succeed from a random start?

We train the XOR network with the chapter's settings (full-batch Adam,
learning rate 0.1, 500 epochs) from seeds 0 to 9, once with 2 hidden units
and once with 8, and count the runs that get all four points right. A run
whose loss drops below 0.01 has every point right with room to spare, so
it stops there to save time. For each failed run we print the loss halfway
and at the end: it has stopped falling, so more epochs would not rescue it.
"""

# --8<-- [start:solution]
import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
y = torch.tensor([[0.0], [1.0], [1.0], [0.0]])
X, y = X.to(device), y.to(device)


def train_xor(seed, n_hidden, num_epochs=500, lr=0.1):
    """Train a 2 -> n_hidden -> 1 tanh network from one seed.

    Returns True if all 4 points come out right, and the losses at the
    middle and at the end of training (the last loss for an early stop).
    """
    torch.manual_seed(seed)
    model = nn.Sequential(
        nn.Linear(2, n_hidden),
        nn.Tanh(),
        nn.Linear(n_hidden, 1),
    ).to(device)
    loss_fn = nn.BCEWithLogitsLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(num_epochs):
        optimizer.zero_grad()
        loss = loss_fn(model(X), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        if losses[-1] < 0.01:  # solved for good: every point p > 0.96
            break
    with torch.no_grad():
        solved = torch.equal((model(X) > 0).float(), y)
    middle = losses[min(num_epochs // 2, len(losses)) - 1]
    return solved, middle, losses[-1]


solved, stuck = {}, {}
for n_hidden in [2, 8]:
    runs = {seed: train_xor(seed, n_hidden) for seed in range(10)}
    solved[n_hidden] = sum(ok for ok, _, _ in runs.values())
    stuck[n_hidden] = {s: r[1:] for s, r in runs.items() if not r[0]}
    print(f"{n_hidden} hidden units: solved {solved[n_hidden]} of 10 seeds")
    for seed, (middle, end) in stuck[n_hidden].items():
        print(
            f"  seed {seed} failed: loss {middle:.4f} at epoch 250, "
            f"{end:.4f} at epoch 500"
        )
# --8<-- [end:solution]

assert solved[2] < 5, solved  # fewer than half
assert solved[8] == 10, solved  # every one
# The failed runs are stuck: their loss moved by less than 0.001 over the
# second half of training, and stayed far above a solved run's.
for middle, end in stuck[2].values():
    assert abs(middle - end) < 1e-3 and end > 0.3, (middle, end)
