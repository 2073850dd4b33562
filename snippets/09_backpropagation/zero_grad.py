"""Why training loops call zero_grad: gradients accumulate.

Every backward() adds its gradient to whatever .grad already holds. We
show the weight's gradient doubling after two backward passes through the
same loss (the first keeps the graph with retain_graph=True; a third pass
fails because the second freed it), growing in a straight line with more
passes, and coming back right after zero_grad. Then we train the delivery
neuron twice, with and without zero_grad, and plot both losses.
"""

import matplotlib.pyplot as plt
import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

# --8<-- [start:accumulate]
# The 16 deliveries from Part 3 (distance in miles, time in minutes)
num_new = 14
new_miles = torch.round((torch.rand(num_new, 1) * 9 + 1) * 10) / 10
new_minutes = 3.4 * new_miles + 5.2 + torch.randn(num_new, 1) * 1.5
X = torch.cat([torch.tensor([[5.0], [6.0]]), new_miles]).to(device)
y = torch.cat([torch.tensor([[22.2], [25.6]]), new_minutes]).to(device)

model = nn.Linear(1, 1).to(device)
loss_fn = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.02)

loss = loss_fn(model(X), y)
loss.backward(retain_graph=True)  # keep the graph for one more pass
first = model.weight.grad.item()
loss.backward()  # the same loss again; this pass frees the graph
second = model.weight.grad.item()
print(f"dL/dW after one backward:  {first:.2f}")
print(f"dL/dW after two backwards: {second:.2f}  (ratio {second / first:.1f})")
try:
    loss.backward()  # a third time: the graph is gone
except RuntimeError as error:
    print("third backward:", str(error).split(" (")[0])

optimizer.zero_grad()  # clears .grad of every parameter it manages
print("after zero_grad, .grad is:", model.weight.grad)
loss_fn(model(X), y).backward()  # a new forward pass builds a new graph
third = model.weight.grad.item()
print(f"dL/dW after zero_grad and one backward: {third:.2f}")
# --8<-- [end:accumulate]

# --8<-- [start:grow]
optimizer.zero_grad()
grad_after = []  # .grad after 1, 2, ..., 10 backward calls
for _ in range(10):
    loss_fn(model(X), y).backward()  # each with its own forward pass
    grad_after.append(model.weight.grad.item())
print("after 10 calls:", f"{grad_after[-1]:.2f}", "=", 10, "x", f"{first:.2f}")
# --8<-- [end:grow]


# --8<-- [start:train]
def train(zero_grads, num_epochs=100, lr=0.02):
    """Train a fresh neuron; return its loss after every epoch."""
    torch.manual_seed(1)  # the same starting weights for both runs
    model = nn.Linear(1, 1).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(num_epochs):
        loss = loss_fn(model(X), y)
        if zero_grads:
            optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


with_zero = train(zero_grads=True)
without_zero = train(zero_grads=False)
for epoch in [0, 10, 50, 99]:
    print(
        f"epoch {epoch:3d}: loss with zero_grad {with_zero[epoch]:10.2f}"
        f"   without {without_zero[epoch]:10.2f}"
    )
# --8<-- [end:train]

# --8<-- [start:plot]
# Larger text: this wide figure is scaled down to fit the text column
plt.rcParams.update({"font.size": 12, "axes.titlesize": 12})
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
calls = range(1, len(grad_after) + 1)
ax1.plot(calls, grad_after, "o-", color="C0")
ax1.set_xlabel("number of backward() calls without zero_grad")
ax1.set_ylabel("model.weight.grad")
ax1.set_title("Gradients add up: k calls give k times the gradient")

ax2.plot(with_zero, "-", lw=2, label="with zero_grad")
ax2.plot(without_zero, "--", lw=1.5, label="without zero_grad")
ax2.set_yscale("log")
ax2.set_xlabel("epoch")
ax2.set_ylabel("training loss (MSE, log scale)")
ax2.set_title("Training the delivery neuron")
ax2.legend()
plt.show()
# --8<-- [end:plot]

assert abs(first + 242.16) < 0.01  # "about -242"
assert abs(second - 2 * first) < 1e-4 * abs(first)
assert abs(third - first) < 1e-4 * abs(first)

assert abs(grad_after[-1] - 10 * first) < 1e-3 * abs(first)

# The numbers the text and the alt text state
assert abs(with_zero[0] - 429.4) < 0.5 and with_zero[-1] < 3.0
assert without_zero[-1] > 100 * with_zero[-1]
assert max(without_zero[50:]) / min(without_zero[50:]) > 50
assert with_zero[2] < 10  # alt text: below 10 within a few epochs
assert min(without_zero) < 5 and max(without_zero) > 300
