"""Exercise 2: save everything a prediction needs, in one checkpoint.

The model's weights are not enough to predict on new raw data: we also
need the training mean and standard deviation used to standardise the
inputs. We train a small moons classifier, save a dictionary holding its
state_dict together with mean and std, delete everything, and rebuild a
predict() function from the file alone.
"""

# --8<-- [start:solution]
import tempfile
from pathlib import Path

import torch
from sklearn.datasets import make_moons
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def make_model():
    return nn.Sequential(
        nn.Linear(2, 16),
        nn.ReLU(),
        nn.Linear(16, 16),
        nn.ReLU(),
        nn.Linear(16, 1),
    )


# Train quickly on 300 standardised points (full batch, to keep it short)
X, y = make_moons(n_samples=300, noise=0.2, random_state=0)
X = torch.tensor(X, dtype=torch.float32)
y = torch.tensor(y, dtype=torch.float32).unsqueeze(1)
mean, std = X.mean(dim=0), X.std(dim=0, correction=0)  # divide by n
X_std, y = ((X - mean) / std).to(device), y.to(device)

model = make_model().to(device)
loss_fn = nn.BCEWithLogitsLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
for _ in range(300):
    optimizer.zero_grad()
    loss = loss_fn(model(X_std), y)
    loss.backward()
    optimizer.step()
print(f"final training loss {loss.item():.3f}")

with tempfile.TemporaryDirectory() as folder:
    path = Path(folder) / "checkpoint.pt"
    checkpoint = {"model": model.state_dict(), "mean": mean, "std": std}
    torch.save(checkpoint, path)
    del model, mean, std, checkpoint  # forget it all; only the file remains

    loaded = torch.load(path, map_location=device, weights_only=True)
print("checkpoint keys:", list(loaded))

model = make_model().to(device)
model.load_state_dict(loaded["model"])
model.eval()


def predict(points):
    """Classes (0 or 1) for a list of raw (x1, x2) points."""
    X_new = torch.tensor(points, dtype=torch.float32, device=device)
    X_new = (X_new - loaded["mean"]) / loaded["std"]  # training statistics
    with torch.no_grad():
        logits = model(X_new)
    return (logits > 0).int().flatten().tolist()


new_points = [[0.0, 1.0], [1.0, -0.5], [-1.0, 0.2], [2.0, 0.3]]
classes = predict(new_points)
for point, c in zip(new_points, classes, strict=True):
    print(f"{point} -> class {c}")
# --8<-- [end:solution]

assert classes == [0, 1, 0, 1], classes
