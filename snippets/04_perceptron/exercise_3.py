"""Exercise 3: three inputs: majority vote (learnable) and parity (not).

Majority outputs 1 when at least two of the three inputs are 1; a plane
separates those inputs from the rest, so the perceptron rule converges.
Parity outputs 1 when an odd number of inputs is 1; it is XOR for three
inputs, no plane separates its classes, and the rule never converges.
"""

# --8<-- [start:solution]
import itertools

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


# All 8 combinations of three 0/1 inputs, one per row.
X = torch.tensor(list(itertools.product([0.0, 1.0], repeat=3)), device=device)
targets = {
    "majority": (X.sum(dim=1) >= 2).float(),
    "parity": (X.sum(dim=1) % 2).float(),
}
w_start = (0.5 * torch.randn(3)).to(device)  # one weight per input
b_start = (0.5 * torch.randn(())).to(device)
lr = 0.2
num_epochs = 40

results = {}
for name, y in targets.items():
    w, b, errors = train_perceptron(X, y, w_start, b_start, lr, num_epochs)
    results[name] = (w, b, errors)
    weights = ", ".join(f"{v:.2f}" for v in w.tolist())
    print(
        f"{name}: epochs run {len(errors)}, mistakes in the last "
        f"epoch {errors[-1]}; w = [{weights}], b = {b:.2f}"
    )
# --8<-- [end:solution]

w, b, errors = results["majority"]
assert len(errors) == 8 and errors[-1] == 0, errors
assert torch.equal(step(X @ w + b), targets["majority"])
assert (w > 0).all() and b < 0, (w, b)  # every vote pushes up
_, _, errors = results["parity"]
assert len(errors) == num_epochs and min(errors) >= 1, errors
