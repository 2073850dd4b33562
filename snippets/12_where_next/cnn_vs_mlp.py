"""A small convolutional network against an MLP on 8x8 handwritten digits.

Both models learn scikit-learn's digits data set (1,797 images of 8x8
pixels, installed with scikit-learn, no download). The MLP flattens each
image into 64 numbers; the CNN slides small 3x3 filters over the image and
keeps its 2-D layout. We compare test accuracy and parameter count, then
draw the 3x3 filters the CNN's first layer learned.
"""

import matplotlib.pyplot as plt
import numpy as np
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch import nn

torch.manual_seed(0)
np.random.seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

# --8<-- [start:data]
digits = load_digits()
images = digits.images / 16.0  # pixel values 0..16 -> 0..1
X_train, X_test, y_train, y_test = train_test_split(
    images, digits.target, test_size=0.25, random_state=0
)
# Shape (n, 1, 8, 8): n images, 1 channel (grey), 8 rows, 8 columns
X_train = torch.tensor(X_train, dtype=torch.float32).unsqueeze(1)
X_test = torch.tensor(X_test, dtype=torch.float32).unsqueeze(1)
y_train = torch.tensor(y_train)
y_test = torch.tensor(y_test)
print("train:", tuple(X_train.shape), " test:", tuple(X_test.shape))
# --8<-- [end:data]
assert len(digits.images) == 1797 and len(X_test) == 450


# --8<-- [start:models]
def count_params(model):
    return sum(p.numel() for p in model.parameters())


mlp = nn.Sequential(
    nn.Flatten(),  # (n, 1, 8, 8) -> (n, 64)
    nn.Linear(64, 64),
    nn.ReLU(),
    nn.Linear(64, 10),
)
cnn = nn.Sequential(
    nn.Conv2d(1, 8, kernel_size=3, padding=1),  # -> (n, 8, 8, 8)
    nn.ReLU(),
    nn.MaxPool2d(2),  # -> (n, 8, 4, 4)
    nn.Conv2d(8, 16, kernel_size=3, padding=1),  # -> (n, 16, 4, 4)
    nn.ReLU(),
    nn.MaxPool2d(2),  # -> (n, 16, 2, 2)
    nn.Flatten(),  # -> (n, 64)
    nn.Linear(64, 10),
)
print("MLP parameters:", count_params(mlp))
print("CNN parameters:", count_params(cnn))
# --8<-- [end:models]
assert count_params(mlp) == 4810 and count_params(cnn) == 1898


# --8<-- [start:train]
def train(model, num_epochs=20, lr=0.01, batch_size=64):
    """Train with Adam on shuffled mini-batches; return the test accuracy."""
    torch.manual_seed(0)  # the same shuffles for both models
    model = model.to(device)
    X, y = X_train.to(device), y_train.to(device)
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    for _ in range(num_epochs):
        order = torch.randperm(len(X)).to(device)  # a new shuffle
        for start in range(0, len(X), batch_size):
            batch = order[start : start + batch_size]
            optimizer.zero_grad()
            loss = loss_fn(model(X[batch]), y[batch])
            loss.backward()
            optimizer.step()
    with torch.no_grad():
        predicted = model(X_test.to(device)).argmax(dim=1).cpu()
    return (predicted == y_test).float().mean().item()


acc_mlp = train(mlp)
acc_cnn = train(cnn)
print(f"MLP test accuracy: {acc_mlp:.3f}")
print(f"CNN test accuracy: {acc_cnn:.3f}")
assert acc_mlp > 0.95 and acc_cnn > 0.95, (acc_mlp, acc_cnn)
# --8<-- [end:train]
assert acc_cnn > acc_mlp  # the page: the CNN does better

# --8<-- [start:filters]
kernels = cnn[0].weight.detach().cpu()  # shape (8, 1, 3, 3)
fig, axes = plt.subplots(2, 4, figsize=(7, 3.8))
limit = kernels.abs().max().item()  # one colour scale for all eight
for i, ax in enumerate(axes.flat):
    image = ax.imshow(kernels[i, 0], cmap="RdBu_r", vmin=-limit, vmax=limit)
    ax.set_title(f"filter {i}")
    ax.set_xticks([])
    ax.set_yticks([])
fig.colorbar(image, ax=axes, shrink=0.8, label="weight")
fig.suptitle("The CNN's first-layer 3x3 filters after training")
plt.show()
# --8<-- [end:filters]
