"""A dynamic graph: the forward pass is ordinary Python that runs each call.

PyTorch builds the graph of operations while your code runs ("define by
run"). So ``forward`` may use a plain ``for`` loop whose length changes
from call to call and an ``if`` that looks at the data, and you can print,
or stop in the debugger, in the middle of it. The model here is nothing but
two weight tensors; when something goes wrong, the error names the shapes
and the traceback points at your own line.
"""

# --8<-- [start:model]
import torch

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

# Two weight tensors, drawn on the CPU, moved, then tracked by autograd
W = torch.randn(3, 3).to(device).requires_grad_()  # used at every step
w_out = torch.randn(3).to(device).requires_grad_()  # turns 3 numbers into 1


def forward(X, num_steps):
    """Apply the same weights num_steps times to a batch X of shape (n, 3)."""
    if X.sum() < 0:  # an if that looks at the data
        print("  inputs sum below zero: flipping their sign")
        X = -X
    for step in range(num_steps):  # a plain Python loop
        X = (X @ W).clamp(min=0)  # multiply, then set negatives to 0
        print(f"  step {step}: X has shape {tuple(X.shape)}")
        # breakpoint()  # uncomment to pause here in pdb
    return X @ w_out  # one number per row


# --8<-- [end:model]
# --8<-- [start:run]
X = torch.tensor([[1.0, 2.0, 3.0], [0.5, 0.5, 0.5]]).to(device)
print("call 1: two steps")
y_hat = forward(X, num_steps=2)
print("call 2: negative inputs, four steps")
y_hat = forward(-X, num_steps=4)

# Backpropagation follows whatever path this call actually took
y_hat.sum().backward()
print("W got a gradient of shape", tuple(W.grad.shape))
print("w_out got a gradient of shape", tuple(w_out.grad.shape))
# --8<-- [end:run]
# --8<-- [start:error]
bad_X = torch.ones(2, 5).to(device)  # 5 features, but W expects 3
try:
    forward(bad_X, num_steps=1)
except RuntimeError as err:
    print("RuntimeError:", err)
# --8<-- [end:error]

# Uncaught, the error's traceback ends at the matrix product in forward.
try:
    forward(bad_X, num_steps=1)
except RuntimeError as err:
    last = err.__traceback__
    while last.tb_next is not None:
        last = last.tb_next
    assert last.tb_frame.f_code.co_name == "forward"
    assert "shapes cannot be multiplied (2x5 and 3x3)" in str(err)
else:
    raise AssertionError("a batch of 5 features no longer raises")

assert y_hat.shape == (2,) and W.grad.shape == (3, 3)
