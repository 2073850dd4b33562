"""One hidden body, three kinds of output layer.

The same ReLU hidden layers can end in different ways depending on what
the model must predict: no activation for a regression number, a sigmoid
for the probability of a yes/no answer, and a softmax for probabilities
over several classes. We build all three (untrained, so the numbers mean
nothing yet) and check the ranges their outputs fall in.
"""

# --8<-- [start:heads]
import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def body():
    """Hidden layers: 4 inputs -> 16 -> 16, with ReLU after each."""
    return [nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU()]


def show(label, values):
    """Print a label and a tensor's values rounded to 3 decimals."""
    print(f"{label:<30}", [round(v, 3) for v in values.tolist()])


regression = nn.Sequential(*body(), nn.Linear(16, 1))
binary = nn.Sequential(*body(), nn.Linear(16, 1), nn.Sigmoid())
multiclass = nn.Sequential(*body(), nn.Linear(16, 3), nn.Softmax(dim=1))

X = (torch.randn(5, 4) * 3).to(device)  # 5 examples, 4 features each
with torch.no_grad():
    y_reg = regression.to(device)(X)
    y_bin = binary.to(device)(X)
    y_cls = multiclass.to(device)(X)

show("regression (any real number):", y_reg[:, 0])
show("binary (between 0 and 1):", y_bin[:, 0])
show("3 classes, first example:", y_cls[0])
show("class outputs, row sums:", y_cls.sum(dim=1))
# --8<-- [end:heads]

assert ((y_bin > 0) & (y_bin < 1)).all()
assert torch.allclose(y_cls.sum(dim=1), torch.ones(5, device=device))
