"""Where nn.Linear's weights start, and why they must not all be equal.

A new nn.Linear(n_in, n_out) draws every weight and bias uniformly between
-1/sqrt(n_in) and 1/sqrt(n_in), as PyTorch's documentation states. Then we
train the chapter's 2 -> 2 -> 1 XOR network from three starts: all zeros,
every parameter 0.5, and PyTorch's random start. Hidden units that start
equal get equal gradients and stay equal, so only the random start lets
the two units learn different features and solve XOR.
"""

# --8<-- [start:default]
import math

import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

largest = {}
for n_in in [3, 100]:
    layer = nn.Linear(n_in, 8)
    bound = 1 / math.sqrt(n_in)
    largest[n_in] = max(layer.weight.abs().max(), layer.bias.abs().max())
    print(
        f"nn.Linear({n_in}, 8): bound 1/sqrt({n_in}) = {bound:.3f}, "
        f"largest |parameter| {largest[n_in]:.3f}"
    )
# --8<-- [end:default]

X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
y = torch.tensor([[0.0], [1.0], [1.0], [0.0]])  # XOR
X, y = X.to(device), y.to(device)


# --8<-- [start:symmetry]
def train_xor(start=None, num_epochs=500, lr=0.1):
    """Train 2 -> 2 -> 1 with tanh; start=None keeps PyTorch's random start."""
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 2), nn.Tanh(), nn.Linear(2, 1))
    model = model.to(device)
    if start is not None:
        with torch.no_grad():
            for p in model.parameters():
                p.fill_(start)  # every weight and bias the same number
    loss_fn = nn.BCEWithLogitsLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    for _ in range(num_epochs):
        optimizer.zero_grad()
        loss = loss_fn(model(X), y)
        loss.backward()
        optimizer.step()
    return model, loss.item()


results, models = {}, {}
for name, start in [("all 0", 0.0), ("all 0.5", 0.5), ("random", None)]:
    model, loss = train_xor(start)
    W = model[0].weight  # one row of weights per hidden unit
    twins = torch.equal(W[0], W[1])
    with torch.no_grad():
        right = int(((model(X) > 0).float() == y).sum())
    results[name] = (loss, right, twins)
    models[name] = model
    print(
        f"start {name:>7}: loss {loss:.3f}, {right} of 4 right, "
        f"hidden units identical: {twins}"
    )
# --8<-- [end:symmetry]

# Every parameter lies inside the bound, and the largest comes close to it.
for n_in, value in largest.items():
    bound = 1 / math.sqrt(n_in)
    assert 0.8 * bound < value.item() <= bound, (n_in, value)

# From zeros the loss stays at ln 2 and no parameter ever moves.
zero_loss = results["all 0"][0]
zero_model = models["all 0"]
assert abs(zero_loss - math.log(2)) < 1e-4, zero_loss
assert all((p == 0).all() for p in zero_model.parameters())
assert results["all 0.5"][2] and results["all 0.5"][1] == 3, results
assert results["random"][1] == 4 and not results["random"][2], results
