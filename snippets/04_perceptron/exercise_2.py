"""Exercise 2: how does the learning rate change perceptron training?

We train OR with three learning rates, once from the chapter's random
starting weights and once from all-zero weights, and count the epochs
until a pass without mistakes.
"""

# --8<-- [start:solution]
import torch

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def step(z):
    """1.0 where z > 0, else 0.0."""
    return (z > 0).float()


def train_perceptron(X, y, w, b, lr, num_epochs):
    """The perceptron rule from the chapter (history left out)."""
    errors_per_epoch = []
    for _ in range(num_epochs):
        errors = 0
        for x_i, y_i in zip(X, y):
            error = y_i - step(w @ x_i + b)
            w = w + lr * error * x_i
            b = b + lr * error
            errors += int(error.item() != 0)
        errors_per_epoch.append(errors)
        if errors == 0:
            break
    return w, b, errors_per_epoch


X = torch.tensor(
    [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], device=device
)
y = torch.tensor([0.0, 1.0, 1.0, 1.0], device=device)  # OR
starts = {
    "random": (
        (0.5 * torch.randn(2)).to(device),
        (0.5 * torch.randn(())).to(device),
    ),
    "zeros": (torch.zeros(2, device=device), torch.zeros((), device=device)),
}
num_epochs = 200

epochs = {}
print("start    lr     epochs  final w         final b")
for start, (w_start, b_start) in starts.items():
    for lr in [0.01, 0.1, 1.0]:
        w, b, errors = train_perceptron(X, y, w_start, b_start, lr, num_epochs)
        epochs[start, lr] = len(errors)
        print(
            f"{start:7}  {lr:<5}  {len(errors):6}  "
            f"[{w[0]:5.2f}, {w[1]:5.2f}]  {b:6.2f}"
        )
# --8<-- [end:solution]

# Every run stopped early, so each ended with an epoch free of mistakes.
assert max(epochs.values()) < num_epochs, epochs
# From the random start, the smaller steps needed many more epochs.
assert [epochs["random", lr] for lr in [0.01, 0.1, 1.0]] == [53, 6, 2]
# From zeros, the learning rate only scales the weights: same epochs.
assert [epochs["zeros", lr] for lr in [0.01, 0.1, 1.0]] == [4, 4, 4]
