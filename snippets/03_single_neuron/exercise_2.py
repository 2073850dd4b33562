"""Exercise 2: the furthest order that still makes the 30-minute promise.

Train the neuron as in the chapter, then solve w * d + b = 30 for the
distance d. Feeding d back into the model should give 30 minutes.
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

model = nn.Linear(1, 1).to(device)
loss_fn = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.02)
for _ in range(2000):
    loss = loss_fn(model(X), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

# Solve w * d + b = 30 for d
w, b = model.weight.item(), model.bias.item()
max_miles = (30 - b) / w
print(f"furthest distance for 30 minutes: {max_miles:.2f} miles")

with torch.no_grad():  # check: the model at that distance
    check = model(torch.tensor([[max_miles]], device=device)).item()
print(f"model's prediction there: {check:.2f} minutes")
# --8<-- [end:solution]

assert abs(max_miles - 7.27) < 0.01, max_miles  # "about 7.27 miles"
assert abs(check - 30.0) < 1e-3, check
