"""Build the same MLP two ways: an nn.Module subclass and nn.Sequential.

The subclass names its layers and spells out forward(); nn.Sequential just
chains them in order. Both hold the same parameters, and once they share
the same weights they compute exactly the same outputs.
"""

# --8<-- [start:subclass]
import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class DeliveryMLP(nn.Module):
    """3 inputs -> 8 hidden units (ReLU) -> 1 output."""

    def __init__(self, n_in=3, n_hidden=8, n_out=1):
        super().__init__()  # always first: sets up parameter tracking
        self.hidden = nn.Linear(n_in, n_hidden)
        self.activation = nn.ReLU()
        self.output = nn.Linear(n_hidden, n_out)

    def forward(self, X):
        H = self.activation(self.hidden(X))
        return self.output(H)


model = DeliveryMLP().to(device)
print(model)
# --8<-- [end:subclass]

# --8<-- [start:sequential]
model_seq = nn.Sequential(
    nn.Linear(3, 8),
    nn.ReLU(),
    nn.Linear(8, 1),
).to(device)
print(model_seq)
# --8<-- [end:sequential]

# --8<-- [start:compare]
n_class = sum(p.numel() for p in model.parameters())
n_seq = sum(p.numel() for p in model_seq.parameters())
print("parameters (subclass):  ", n_class)
print("parameters (Sequential):", n_seq)

# Each model drew its own random weights. Copy one set into the other ...
with torch.no_grad():
    model_seq[0].weight.copy_(model.hidden.weight)
    model_seq[0].bias.copy_(model.hidden.bias)
    model_seq[2].weight.copy_(model.output.weight)
    model_seq[2].bias.copy_(model.output.bias)

# ... and the two compute the same function.
X = torch.rand(5, 3).to(device)  # drawn on the CPU, then moved
same = torch.allclose(model(X), model_seq(X))
print("same outputs after copying weights:", same)
# --8<-- [end:compare]

assert n_class == n_seq == 3 * 8 + 8 + 8 * 1 + 1 == 41
assert same
