"""The same neuron with PyTorch's building blocks: nn.Linear and SGD.

nn.Linear(1, 1) holds one weight and one bias, nn.MSELoss measures the
error, and torch.optim.SGD performs the update and clears the gradients.
On a batch X the layer computes X @ W.T + b. The training loop keeps the
same steps as the hand-written one. The trained neuron then answers the
7-mile question, drawn against the data and the 30-minute promise.
"""

# --8<-- [start:setup]
import matplotlib.pyplot as plt
import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

# The same 16 deliveries as in delivery_data.py (same seed, same code)
num_new = 14
new_miles = torch.round((torch.rand(num_new, 1) * 9 + 1) * 10) / 10
new_minutes = 3.4 * new_miles + 5.2 + torch.randn(num_new, 1) * 1.5
X = torch.cat([torch.tensor([[5.0], [6.0]]), new_miles]).to(device)
y = torch.cat([torch.tensor([[22.2], [25.6]]), new_minutes]).to(device)
# --8<-- [end:setup]

# --8<-- [start:model]
model = nn.Linear(in_features=1, out_features=1).to(device)
loss_fn = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.02)
print(model)
for name, param in model.named_parameters():  # what the optimizer updates
    print(f"{name}: shape {tuple(param.shape)}, start {param.item():.3f}")
print("state_dict keys:", list(model.state_dict()))

# On a batch, the layer computes X @ W.T + b: one output row per delivery
with torch.no_grad():
    by_hand = X @ model.weight.T + model.bias
    torch.testing.assert_close(model(X), by_hand)
print("model(X) has shape", tuple(by_hand.shape), "and equals X @ W.T + b")
# --8<-- [end:model]

# --8<-- [start:train_loop]
num_epochs = 2000
for epoch in range(num_epochs):
    y_hat = model(X)  # predict
    loss = loss_fn(y_hat, y)  # measure the error
    optimizer.zero_grad()  # clear old gradients
    loss.backward()  # find the direction
    optimizer.step()  # take a small step
    if epoch % 400 == 0 or epoch == num_epochs - 1:
        print(f"epoch {epoch:4d}: loss {loss.item():7.3f}")
# --8<-- [end:train_loop]

# --8<-- [start:predict]
w, b = model.weight.item(), model.bias.item()  # one number each
print(f"learned: w = {w:.2f} minutes per mile, b = {b:.2f} minutes")

with torch.no_grad():  # no training here, so no need to record
    pred_7 = model(torch.tensor([[7.0]], device=device)).item()
print(f"prediction for 7 miles: {pred_7:.1f} minutes")
print(f"margin under the promise: {30 - pred_7:.1f} minutes")

with torch.no_grad():
    above = (y - model(X) > 30 - pred_7).sum().item()
print(f"past deliveries later than the line by more than that: {above}")
# --8<-- [end:predict]

# --8<-- [start:plot]
miles = torch.linspace(0, 10.5, 50).unsqueeze(1)
with torch.no_grad():
    line = model(miles.to(device)).cpu()
X_cpu, y_cpu = X.cpu(), y.cpu()

fig, ax = plt.subplots(figsize=(6, 4))
ax.scatter(X_cpu[:, 0], y_cpu[:, 0], label="past deliveries")
ax.plot(
    miles[:, 0],
    line[:, 0],
    color="tab:orange",
    label=f"neuron: {w:.2f} x + {b:.2f}",
)
ax.axhline(30, color="tab:red", linestyle="--", label="30-minute promise")
ax.plot(
    7,
    pred_7,
    marker="*",
    markersize=15,
    color="tab:green",
    linestyle="none",
    label=f"7 miles: {pred_7:.1f} min",
)
ax.set_xlabel("distance (miles)")
ax.set_ylabel("delivery time (minutes)")
ax.set_title("The trained neuron and the 7-mile order")
ax.legend()
fig.tight_layout()
plt.show()
# --8<-- [end:plot]

assert abs(loss.item() - 1.22) < 0.01, loss.item()  # "about 1.22"
assert abs(w - 3.38) < 0.01 and abs(b - 5.45) < 0.01, (w, b)
assert abs(pred_7 - 29.1) < 0.05, pred_7  # "29.1 minutes"
assert above == 4, above  # "4 of the 16"

# zero_grad() sets .grad to None (the default since PyTorch 2.0), and
# backward() then fills it as it would fill a zeroed gradient.
optimizer.zero_grad(set_to_none=False)  # zeros, like w.grad.zero_()
loss_fn(model(X), y).backward()
from_zero = [param.grad.clone() for param in model.parameters()]
optimizer.zero_grad()
assert all(param.grad is None for param in model.parameters())
loss_fn(model(X), y).backward()
for expected, param in zip(from_zero, model.parameters()):
    torch.testing.assert_close(param.grad, expected)
