"""A perceptron is a weighted sum followed by a step.

We write the step function and the forward pass with torch tensors, then
pick weights by hand (w = [1, 1], b = -1.5) so that the perceptron fires
only when both of its inputs are 1: it computes logical AND. Nothing is
learned yet; the next snippet lets the perceptron find weights by itself.
"""

# --8<-- [start:and_gate]
import torch

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def step(z):
    """1.0 where z > 0, else 0.0: the perceptron's all-or-nothing output."""
    return (z > 0).float()


def perceptron(X, w, b):
    """Weighted sum of each row of X plus the bias, passed through step."""
    z = X @ w + b  # one weighted sum per example
    return step(z)


# The four possible pairs of 0/1 inputs, one example per row.
X = torch.tensor(
    [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], device=device
)
w = torch.tensor([1.0, 1.0], device=device)  # chosen by hand
b = torch.tensor(-1.5, device=device)  # chosen by hand

z = X @ w + b
y_hat = perceptron(X, w, b)
print("x1  x2  weighted sum z  output y_hat")
for x_i, z_i, y_i in zip(X.tolist(), z.tolist(), y_hat.tolist()):
    print(f"{x_i[0]:2.0f}  {x_i[1]:2.0f}  {z_i:14.1f}  {y_i:12.0f}")
# --8<-- [end:and_gate]

# Only the input (1, 1) makes the perceptron fire: the AND truth table.
assert y_hat.tolist() == [0.0, 0.0, 0.0, 1.0], y_hat
