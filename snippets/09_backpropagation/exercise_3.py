"""Exercise 3: put gradient accumulation to use with micro-batches.

Split the 16 deliveries into 4 micro-batches of 4. For each one, compute
the loss, divide it by the number of micro-batches and call backward(),
without zeroing in between. The accumulated .grad equals the gradient of
the loss on all 16 deliveries at once, so one optimizer step afterwards is
the same as a full-batch step. (Dividing by 4 gives the overall mean because
the four micro-batches have equal sizes.)
"""

# --8<-- [start:solution]
import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

# The 16 deliveries from Part 3
num_new = 14
new_miles = torch.round((torch.rand(num_new, 1) * 9 + 1) * 10) / 10
new_minutes = 3.4 * new_miles + 5.2 + torch.randn(num_new, 1) * 1.5
X = torch.cat([torch.tensor([[5.0], [6.0]]), new_miles]).to(device)
y = torch.cat([torch.tensor([[22.2], [25.6]]), new_minutes]).to(device)

model = nn.Linear(1, 1).to(device)
loss_fn = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.02)

# Full batch: one backward on all 16 deliveries
optimizer.zero_grad()
loss_fn(model(X), y).backward()
full = [p.grad.clone() for p in model.parameters()]

# Micro-batches: four backwards, gradients add up in .grad
num_chunks = 4
optimizer.zero_grad()
for X_part, y_part in zip(
    X.chunk(num_chunks), y.chunk(num_chunks), strict=True
):
    loss = loss_fn(model(X_part), y_part) / num_chunks  # average of averages
    loss.backward()  # no zero_grad here: we want the sum
accumulated = [p.grad.clone() for p in model.parameters()]

for name, g_full, g_acc in zip(
    ["weight", "bias"], full, accumulated, strict=True
):
    print(
        f"{name}: full batch {g_full.item():.4f}   "
        f"accumulated {g_acc.item():.4f}"
    )
    torch.testing.assert_close(g_full, g_acc)
# --8<-- [end:solution]

for g_full, g_acc in zip(full, accumulated, strict=True):
    assert torch.allclose(g_full, g_acc, rtol=1e-5, atol=1e-5)
