"""Exercise 3: how often does XOR training succeed from a random start?

We train the XOR network from seeds 0 to 9, once with 2 hidden units and
once with 8, and count the runs that get all four points right.
"""

import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
y = torch.tensor([[0.0], [1.0], [1.0], [0.0]])
X, y = X.to(device), y.to(device)


def solves_xor(seed, n_hidden, num_epochs=100, lr=0.1):
    """Train a 2 -> n_hidden -> 1 tanh network; True if all 4 are right."""
    torch.manual_seed(seed)
    model = nn.Sequential(
        nn.Linear(2, n_hidden),
        nn.Tanh(),
        nn.Linear(n_hidden, 1),
    ).to(device)
    loss_fn = nn.BCEWithLogitsLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    for _ in range(num_epochs):
        optimizer.zero_grad()
        loss = loss_fn(model(X), y)
        loss.backward()
        optimizer.step()
    with torch.no_grad():
        return torch.equal((model(X) > 0).float(), y)


solved = {}
for n_hidden in [2, 8]:
    runs = [solves_xor(seed, n_hidden) for seed in range(10)]
    solved[n_hidden] = sum(runs)
    print(f"{n_hidden} hidden units: solved {solved[n_hidden]} of 10 seeds")

assert solved[2] < 5, solved  # fewer than half
assert solved[8] == 10, solved  # every one
