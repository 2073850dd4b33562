"""Two autograd tools: backward on a non-scalar, and gradcheck.

backward() with no argument only works on a single number. For a tensor
output y it needs a tensor v of y's shape, backward(gradient=v), and then
fills x.grad with the sum over i of v[i] * dy[i]/dx: the gradient of the
weighted sum (v * y).sum(). torch.autograd.gradcheck compares autograd's
gradients of a function with central finite differences in float64; it
passes for a correct backward and fails for one we break on purpose.
"""

import torch
from torch.autograd.gradcheck import GradcheckError

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

# --8<-- [start:non_scalar]
x = torch.tensor([1.0, 2.0, 3.0], device=device, requires_grad=True)
y = x**2  # three outputs, not one number
try:
    y.backward()
except RuntimeError as error:
    print("y.backward():", error)

v = torch.tensor([1.0, 0.0, 10.0], device=device)  # a weight per output
y.backward(gradient=v)
print("x.grad with gradient=v:", x.grad.tolist())  # v * 2x

x.grad = None
(v * x**2).sum().backward()  # the same, as one number (a fresh graph)
print("x.grad of (v * x**2).sum():", x.grad.tolist())
# --8<-- [end:non_scalar]


# --8<-- [start:gradcheck]
def layer(X, W, b):
    """One tanh layer, the first half of our two-layer network."""
    return torch.tanh(X @ W.T + b)


X = torch.randn(8, 3, dtype=torch.float64)
W = torch.randn(4, 3, dtype=torch.float64)
b = torch.randn(4, dtype=torch.float64)
inputs = [t.to(device).requires_grad_() for t in (X, W, b)]
print("gradcheck(layer):", torch.autograd.gradcheck(layer, inputs))


class BrokenSquare(torch.autograd.Function):
    """x**2 with a backward pass that forgot the factor 2."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x**2

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * x  # should be grad_output * 2 * x


z = torch.randn(5, dtype=torch.float64).to(device).requires_grad_()
# By default a failed check raises GradcheckError; this makes it return False.
ok = torch.autograd.gradcheck(BrokenSquare.apply, (z,), raise_exception=False)
print("gradcheck(BrokenSquare):", ok)
# --8<-- [end:gradcheck]

torch.testing.assert_close(x.grad, v * 2 * x.detach())

assert torch.autograd.gradcheck(layer, inputs)
assert not ok
# Without raise_exception=False a failing check raises GradcheckError.
try:
    torch.autograd.gradcheck(BrokenSquare.apply, (z,))
except GradcheckError:
    pass
else:
    raise AssertionError("gradcheck did not raise")
