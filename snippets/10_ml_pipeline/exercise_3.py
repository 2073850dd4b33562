"""Exercise 3: more data is a cure for overfitting.

The same oversized 2 -> 128 -> 128 -> 1 network is trained for 300
full-batch epochs, once on 40 noisy training points and once on 400. We
compare the final training and validation losses: with ten times the data
the network can no longer memorise every point, and the gap between the
two losses shrinks.
"""

# --8<-- [start:solution]
import torch
from sklearn.datasets import make_moons
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def make_split(n, seed):
    X, y = make_moons(n_samples=n, noise=0.3, random_state=seed)
    X = torch.tensor(X, dtype=torch.float32)
    y = torch.tensor(y, dtype=torch.float32).unsqueeze(1)
    return X, y


def final_losses(n_train, num_epochs=300):
    """Train a fresh big network on n_train points; return both losses."""
    torch.manual_seed(0)  # the same starting weights for every run
    X_train, y_train = make_split(n_train, seed=1)
    X_val, y_val = make_split(200, seed=2)
    mean = X_train.mean(dim=0)
    std = X_train.std(dim=0, correction=0)  # divide by n, as NumPy does
    X_train, X_val = (X_train - mean) / std, (X_val - mean) / std
    X_train, y_train = X_train.to(device), y_train.to(device)
    X_val, y_val = X_val.to(device), y_val.to(device)

    model = nn.Sequential(
        nn.Linear(2, 128),
        nn.ReLU(),
        nn.Linear(128, 128),
        nn.ReLU(),
        nn.Linear(128, 1),
    ).to(device)
    loss_fn = nn.BCEWithLogitsLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.002)
    for _ in range(num_epochs):
        optimizer.zero_grad()
        loss = loss_fn(model(X_train), y_train)
        loss.backward()
        optimizer.step()
    model.eval()
    with torch.no_grad():
        train_loss = loss_fn(model(X_train), y_train).item()
        val_loss = loss_fn(model(X_val), y_val).item()
    return train_loss, val_loss


gaps = {}
for n_train in [40, 400]:
    train_loss, val_loss = final_losses(n_train)
    gaps[n_train] = val_loss - train_loss
    print(
        f"{n_train:3d} training points: train loss {train_loss:.3f}  "
        f"val loss {val_loss:.3f}  gap {gaps[n_train]:.3f}"
    )
# --8<-- [end:solution]

assert abs(gaps[40] - 1.0) < 0.1, gaps  # memorised: a gap of about 1.0
assert abs(gaps[400] - 0.13) < 0.04, gaps  # ten times the data: ~0.13
