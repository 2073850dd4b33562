"""Exercise 1: train a perceptron for NAND, then wire gates into XOR.

NAND ("not and") outputs 0 only when both inputs are 1. It is linearly
separable, so the perceptron rule converges. As a bonus, three trained
perceptrons (OR, NAND and AND) are stacked into two layers; the result
computes XOR, which no single perceptron can.
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
targets = {
    "NAND": torch.tensor([1.0, 1.0, 1.0, 0.0], device=device),
    "OR": torch.tensor([0.0, 1.0, 1.0, 1.0], device=device),
    "AND": torch.tensor([0.0, 0.0, 0.0, 1.0], device=device),
}
w_start = (0.5 * torch.randn(2)).to(device)  # the chapter's start
b_start = (0.5 * torch.randn(())).to(device)
lr = 0.2
num_epochs = 50

gates = {}
errors_per_gate = {}
for name, y in targets.items():
    w, b, errors = train_perceptron(X, y, w_start, b_start, lr, num_epochs)
    gates[name] = (w, b)
    errors_per_gate[name] = errors
    print(
        f"{name}: no mistakes in epoch {len(errors)}; w = "
        f"[{w[0]:.2f}, {w[1]:.2f}], b = {b:.2f}"
    )

# Bonus: layer 1 computes OR and NAND, layer 2 takes AND of the two.
h_or = step(X @ gates["OR"][0] + gates["OR"][1])
h_nand = step(X @ gates["NAND"][0] + gates["NAND"][1])
H = torch.stack([h_or, h_nand], dim=1)  # the hidden layer's outputs
y_hat = step(H @ gates["AND"][0] + gates["AND"][1])
print("x1 x2 | OR NAND | AND of both = XOR")
for x_i, h_i, o in zip(X.tolist(), H.tolist(), y_hat.tolist()):
    print(
        f"{x_i[0]:2.0f} {x_i[1]:2.0f} | {h_i[0]:2.0f} {h_i[1]:4.0f} | {o:3.0f}"
    )
# --8<-- [end:solution]

for name, y in targets.items():  # every gate learned without a mistake
    w, b = gates[name]
    assert errors_per_gate[name][-1] == 0, name
    assert torch.equal(step(X @ w + b), y), name
w_nand, b_nand = gates["NAND"]
epochs_nand = len(errors_per_gate["NAND"])
assert epochs_nand == 10, epochs_nand  # ten epochs from this start
# NAND needs negative weights: turning an input on pushes the sum down.
assert (w_nand < 0).all() and b_nand > 0, (w_nand, b_nand)
assert y_hat.tolist() == [0.0, 1.0, 1.0, 0.0], y_hat
