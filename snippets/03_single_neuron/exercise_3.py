"""Exercise 3: a neuron without a bias.

nn.Linear(1, 1, bias=False) can only draw lines through the origin:
zero miles, zero minutes. Trained on the same deliveries, it has to make
the slope steeper to reach the points, it fits them worse, and it
changes the answer for the 7-mile order.
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

model = nn.Linear(1, 1, bias=False).to(device)
loss_fn = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.02)
for _ in range(2000):
    loss = loss_fn(model(X), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

w = model.weight.item()
with torch.no_grad():
    pred_1, pred_7 = model(torch.tensor([[1.0], [7.0]], device=device))[:, 0]
print(f"no bias: w = {w:.2f} minutes per mile, loss {loss.item():.2f}")
print(f"1 mile:  {pred_1.item():.1f} minutes")
print(f"7 miles: {pred_7.item():.1f} minutes")
# --8<-- [end:solution]

assert abs(w - 4.32) < 0.01, w  # "about 4.32"
assert abs(loss.item() - 6.07) < 0.01, loss.item()  # "about 6.1"
assert abs(pred_7.item() - 30.2) < 0.05, pred_7  # "30.2 minutes"
assert abs(pred_1.item() - 4.3) < 0.05, pred_1  # "4.3 minutes"
