"""Two linear layers in a row are still just one linear layer.

We stack two ``nn.Linear`` layers with nothing between them, then build a
single weight matrix and bias by hand from their parameters:
W = W2 W1 and b = W2 b1 + b2. Fed the same inputs, the one-layer version
gives the same outputs as the two-layer stack, up to float rounding. Extra
depth bought nothing, because nothing non-linear sits between the layers.
"""

# --8<-- [start:collapse]
import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

# 3 inputs -> 4 hidden numbers -> 2 outputs, and no activation in between.
layer1 = nn.Linear(3, 4).to(device)
layer2 = nn.Linear(4, 2).to(device)
X = torch.randn(5, 3).to(device)  # 5 examples with 3 features each

with torch.no_grad():
    y_stack = layer2(layer1(X))  # the two-layer "deep" model

    # Fold both layers into one: W2 (W1 x + b1) + b2 = (W2 W1) x + W2 b1 + b2
    W = layer2.weight @ layer1.weight  # shape (2, 3)
    b = layer2.weight @ layer1.bias + layer2.bias  # shape (2,)
    single = nn.Linear(3, 2).to(device)
    single.weight.copy_(W)
    single.bias.copy_(b)
    y_single = single(X)

max_diff = (y_stack - y_single).abs().max().item()
print("W1:", tuple(layer1.weight.shape), " W2:", tuple(layer2.weight.shape))
print("combined W:", tuple(W.shape), " combined b:", tuple(b.shape))
print("first output, stack :", [round(v, 4) for v in y_stack[0].tolist()])
print("first output, single:", [round(v, 4) for v in y_single[0].tolist()])
print("same outputs:", torch.allclose(y_stack, y_single, atol=1e-6))
print(f"largest difference: {max_diff:.1e}")
# --8<-- [end:collapse]

assert torch.allclose(y_stack, y_single, atol=1e-6)
assert max_diff < 1e-6, max_diff  # below one millionth: float rounding
