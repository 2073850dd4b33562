"""A dynamic graph: the forward pass is ordinary Python that runs each call.

PyTorch builds the graph of operations while your code runs ("define by
run"). So ``forward`` may use a plain ``for`` loop whose length changes
from call to call and an ``if`` that looks at the data, and you can print,
or stop in the debugger, in the middle of it. When something goes wrong, the
traceback points at your own line.
"""

# --8<-- [start:model]
import os
import traceback

import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class LoopyNet(nn.Module):
    """Applies the same hidden layer ``num_steps`` times."""

    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(3, 3)
        self.out = nn.Linear(3, 1)

    def forward(self, X, num_steps):
        if X.sum() < 0:  # an if that looks at the data
            print("  inputs sum below zero: flipping their sign")
            X = -X
        for step in range(num_steps):  # a plain Python loop
            X = torch.relu(self.hidden(X))
            print(f"  step {step}: X has shape {tuple(X.shape)}")
            # breakpoint()  # uncomment to pause here in pdb
        return self.out(X)


model = LoopyNet().to(device)
# --8<-- [end:model]

# --8<-- [start:run]
X = torch.tensor([[1.0, 2.0, 3.0], [0.5, 0.5, 0.5]], device=device)
print("call 1: two steps")
y_hat = model(X, num_steps=2)
print("call 2: negative inputs, four steps")
y_hat = model(-X, num_steps=4)

# Backpropagation follows whatever path this call actually took
y_hat.sum().backward()
grad = model.hidden.weight.grad
print("hidden layer got a gradient of shape", tuple(grad.shape))
# --8<-- [end:run]

# --8<-- [start:error]
bad_X = torch.ones(2, 5, device=device)  # 5 features, the layer wants 3
try:
    model(bad_X, num_steps=1)
except RuntimeError as err:
    print("RuntimeError:", err)
    # Keep the traceback's frames from our code, not torch's own files;
    # the last of them is the line that failed
    frames = traceback.extract_tb(err.__traceback__)
    torch_dir = os.path.dirname(torch.__file__)
    ours = [f for f in frames if not f.filename.startswith(torch_dir)]
    print("raised at:", ours[-1].line)
# --8<-- [end:error]

assert y_hat.shape == (2, 1) and grad.shape == (3, 3)
assert ours[-1].line == "X = torch.relu(self.hidden(X))"
