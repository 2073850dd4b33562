"""Two spellings of one activation: a module and a plain function.

torch.nn holds each activation as a module class (nn.ReLU, nn.SiLU): you
create an object once and call it, and it fits into nn.Sequential.
torch.nn.functional holds the same operations as plain functions (F.relu,
F.silu), handy inside a forward() method. Both compute the same numbers.
"""

# --8<-- [start:forms]
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def show(label, values):
    """Print a label and a tensor's values rounded to 4 decimals."""
    print(f"{label:<16}", [round(v, 4) for v in values.tolist()])


x = torch.linspace(-2, 2, 5).to(device)
silu = nn.SiLU()  # module form: make an object, then call it
show("nn.SiLU()(x):", silu(x))
show("F.silu(x):", F.silu(x))  # functional form: just call it
show("x * sigmoid(x):", x * torch.sigmoid(x))  # the formula


class SmallNet(nn.Module):
    """3 -> 8 -> 1 with SiLU, written with the functional form."""

    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(3, 8)
        self.output = nn.Linear(8, 1)

    def forward(self, X):
        return self.output(F.silu(self.hidden(X)))  # no SiLU attribute


model = SmallNet().to(device)
print(model)  # the functional SiLU does not appear: it is not a module
# --8<-- [end:forms]

assert "SiLU" not in str(model)
torch.testing.assert_close(silu(x), F.silu(x))
torch.testing.assert_close(F.silu(x), x * torch.sigmoid(x))
