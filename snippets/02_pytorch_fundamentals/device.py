"""Device-agnostic code: pick the device once, then move tensors to it.

A tensor lives in one memory: the CPU's or a GPU's. Operations need all
their inputs on the same device. Choose the device in one line at the top,
create or move tensors with ``device=`` or ``.to(device)``, and bring results
back with ``.cpu()`` before handing them to NumPy or printing them. The same
script then runs unchanged on a laptop and on a GPU machine.
"""

# --8<-- [start:device]
import torch

torch.manual_seed(0)

# %% Choose once: a GPU if there is one, else the CPU
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
print("running on:", device)

# %% Move an existing tensor there, or create one there directly
X = torch.rand(1000, 3).to(device)  # drawn on the CPU, then moved
w = torch.tensor([2.0, -1.0, 0.5], device=device)  # made on the device
# Compare .type: a GPU tensor reports "cuda:0", the chosen device "cuda"
same = X.device.type == w.device.type == device.type
print("X and w are on the chosen device:", same)

# %% Work happens where the data is; bring small results back to the CPU
y = X @ w  # runs on the GPU when device is "cuda"
mean_y = y.mean().cpu()  # .cpu() is a no-op if it is already there
print(f"mean of y: {mean_y.item():.2f}")
print("as NumPy:", y[:3].cpu().numpy().round(3))
# --8<-- [end:device]

assert same
assert abs(mean_y.item() - 0.75) < 0.05  # 0.5 * (2 - 1 + 0.5) on average
