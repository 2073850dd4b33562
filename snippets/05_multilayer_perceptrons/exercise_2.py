"""Exercise 2: build a bump from three ReLU units, with no training.

ReLU(z) = max(0, z) is flat, then a straight ramp. Three ReLU hidden units,
with weights set by hand, add up to a triangle: 0 outside -1..1, rising to
1 at x = 0. Sums of such bumps can trace any curve, which is one way to see
why enough hidden units can approximate any function.
"""

# --8<-- [start:solution]
import matplotlib.pyplot as plt
import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

model = nn.Sequential(nn.Linear(1, 3), nn.ReLU(), nn.Linear(3, 1)).to(device)
with torch.no_grad():
    # Hidden units: ReLU(x + 1), ReLU(x), ReLU(x - 1): ramps starting at
    # x = -1, 0 and 1
    model[0].weight.copy_(torch.tensor([[1.0], [1.0], [1.0]]))
    model[0].bias.copy_(torch.tensor([1.0, 0.0, -1.0]))
    # Output: ramp at -1, minus two ramps at 0, plus a ramp at 1
    model[2].weight.copy_(torch.tensor([[1.0, -2.0, 1.0]]))
    model[2].bias.zero_()

x_check = torch.tensor([[-2.0], [-1.0], [-0.5], [0.0], [0.5], [1.0], [2.0]])
with torch.no_grad():
    bump = model(x_check.to(device)).cpu()
for i in range(len(x_check)):
    print(f"x = {x_check[i].item():+.1f} -> {bump[i].item():.2f}")
X = torch.linspace(-2.5, 2.5, 201).unsqueeze(1)
with torch.no_grad():
    y_hat = model(X.to(device)).cpu()
fig, ax = plt.subplots(figsize=(6, 3.5))
ax.plot(X.flatten(), y_hat.flatten(), color="tab:red")
ax.set_xlabel("input $x$")
ax.set_ylabel("network output")
ax.set_title("Three ReLU units make one bump")
plt.show()
# --8<-- [end:solution]

expected = torch.tensor([[0.0], [0.0], [0.5], [1.0], [0.5], [0.0], [0.0]])
assert torch.allclose(bump, expected), bump
