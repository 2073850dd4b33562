"""One neuron, three inputs: distance, rush hour and rain.

Delivery time now depends on three things. A seeded data set of 300
deliveries is generated from known true weights plus noise, so we can
check the answer: nn.Linear(3, 1) is trained with the same loop as before
and its learned weights are printed next to the true ones.
"""

# --8<-- [start:data]
import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

n = 300
distance = torch.round((torch.rand(n) * 9 + 1) * 10) / 10  # 1 to 10 miles
rush_hour = (torch.rand(n) < 0.3).float()  # 1 = ordered in rush hour
rain = (torch.rand(n) < 0.25).float()  # 1 = raining, 0 = dry

true_w = torch.tensor([3.4, 6.0, 4.0])  # minutes per mile, rush, rain
true_b = 5.2
X = torch.stack([distance, rush_hour, rain], dim=1)  # shape (300, 3)
y = X @ true_w + true_b + torch.randn(n) * 1.0  # plus noise
y = y.unsqueeze(1)  # shape (300, 1), like the model's output
print("X shape:", tuple(X.shape), " y shape:", tuple(y.shape))
print("first row:", X[0].tolist(), "->", round(y[0, 0].item(), 1), "min")
X, y = X.to(device), y.to(device)
# --8<-- [end:data]

# --8<-- [start:train]
model = nn.Linear(in_features=3, out_features=1).to(device)
loss_fn = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.02)

num_epochs = 2000
for _ in range(num_epochs):
    loss = loss_fn(model(X), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
print(f"final loss: {loss.item():.3f}")
# --8<-- [end:train]

# --8<-- [start:compare]
learned_w = model.weight.detach().cpu()[0]  # weight has shape (1, 3)
learned_b = model.bias.item()
names = ["distance (per mile)", "rush hour", "rain"]
print(f"{'input':<20} {'true':>6} {'learned':>8}")
for name, true, learned in zip(names, true_w, learned_w):
    print(f"{name:<20} {true.item():6.2f} {learned.item():8.2f}")
print(f"{'bias':<20} {true_b:6.2f} {learned_b:8.2f}")
# --8<-- [end:compare]

# --8<-- [start:predict]
orders = torch.tensor(
    [
        [7.0, 0.0, 0.0],  # 7 miles, off-peak, dry
        [7.0, 1.0, 1.0],  # 7 miles, rush hour, rain
    ]
)
with torch.no_grad():
    preds = model(orders.to(device)).cpu()[:, 0]
print(f"7 miles, off-peak and dry:  {preds[0].item():.1f} minutes")
print(f"7 miles, rush hour in rain: {preds[1].item():.1f} minutes")
# --8<-- [end:predict]

assert (learned_w - true_w).abs().max() < 0.2, learned_w  # "within 0.2"
assert abs(learned_b - true_b) < 0.2, learned_b
assert abs(learned_w[1].item() - 5.84) < 0.01, learned_w  # "5.84"
assert abs(loss.item() - 0.86) < 0.01, loss.item()  # "about 0.86"
assert abs(preds[0].item() - 29.2) < 0.05, preds  # "29.2 minutes"
assert abs(preds[1].item() - 38.9) < 0.05, preds  # "38.9 minutes"

# A (300,) target against (300, 1) predictions broadcasts to (300, 300):
# nn.MSELoss warns about it, a hand-written loss says nothing.
import warnings  # noqa: E402

with torch.no_grad():
    y_hat, flat_y = model(X), y[:, 0]
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    wrong = loss_fn(y_hat, flat_y)
    by_hand = ((y_hat - flat_y) ** 2).mean()
assert (y_hat - flat_y).shape == (300, 300)
assert len(caught) == 1 and "target size" in str(caught[0].message)
assert wrong > 10 * loss and torch.isclose(wrong, by_hand)
