"""Exercise 1: a learning rate that is too large, and how scaling fixes it.

With distances in miles, lr = 0.04 makes every step overshoot by more
than the last, and the loss explodes. Measuring distance in tens of
miles shrinks the gradients, so a much larger learning rate (0.5) is
safe and the neuron settles in 300 epochs instead of 2000.
"""

# --8<-- [start:solution]
import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

# The same 16 deliveries as in the chapter (same seed, same code)
num_new = 14
new_miles = torch.round((torch.rand(num_new, 1) * 9 + 1) * 10) / 10
new_minutes = 3.4 * new_miles + 5.2 + torch.randn(num_new, 1) * 1.5
X = torch.cat([torch.tensor([[5.0], [6.0]]), new_miles]).to(device)
y = torch.cat([torch.tensor([[22.2], [25.6]]), new_minutes]).to(device)


def train(X, y, lr, num_epochs):
    """Fit a fresh nn.Linear(1, 1); return the model and its last loss."""
    torch.manual_seed(1)  # the same random start for every run
    model = nn.Linear(1, 1).to(device)
    loss_fn = nn.MSELoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    for _ in range(num_epochs):
        loss = loss_fn(model(X), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return model, loss.item()


# Part 1: miles, lr = 0.04
_, loss_big = train(X, y, lr=0.04, num_epochs=50)
print(f"miles, lr = 0.04, 50 epochs:  loss {loss_big:.3g}")

# Part 2: tens of miles, lr = 0.5
X_tens = X / 10
model, loss_tens = train(X_tens, y, lr=0.5, num_epochs=300)
w_tens, b = model.weight.item(), model.bias.item()
print(f"tens of miles, lr = 0.5, 300 epochs: loss {loss_tens:.3f}")
print(
    f"w = {w_tens:.2f} minutes per 10 miles "
    f"= {w_tens / 10:.3f} minutes per mile, b = {b:.2f}"
)
# --8<-- [end:solution]

assert loss_big > 1e14, loss_big  # "past 10^14"
assert abs(loss_tens - 1.22) < 0.01, loss_tens  # the same best fit
assert abs(w_tens / 10 - 3.38) < 0.01 and abs(b - 5.45) < 0.01
