"""Autograd: PyTorch computes derivatives for you.

Mark a tensor with ``requires_grad=True`` and PyTorch records every operation
that uses it: each result remembers, in ``grad_fn``, the step that made it.
Calling ``backward()`` on a single-number result walks that record backwards
and stores d(result)/d(tensor) in the ``.grad`` of each leaf tensor, the ones
you created yourself. The record is freed after one ``backward()``; gradients
add up across calls until you reset them; ``torch.no_grad()`` switches the
recording off.
"""

# --8<-- [start:derivative]
import torch

# %% One variable: y = x^2 + 3x, so dy/dx = 2x + 3, which is 7 at x = 2
x = torch.tensor(2.0, requires_grad=True)
y = x**2 + 3 * x
print("y =", y.item())
print("y.grad_fn:", type(y.grad_fn).__name__)  # the last recorded step
print("x is a leaf:", x.is_leaf, "  y is a leaf:", y.is_leaf)
y.backward()  # fills x.grad with dy/dx
slope = x.grad.item()
print("dy/dx at x = 2:", slope)
# --8<-- [end:derivative]

# --8<-- [start:neuron]
# %% A neuron's loss: L = (w*x + b - y)^2 for one delivery (5 mi, 22.2 min)
w = torch.tensor(1.0, requires_grad=True)
b = torch.tensor(0.0, requires_grad=True)
distance, minutes = torch.tensor(5.0), torch.tensor(22.2)
y_hat = w * distance + b  # prediction: 5 minutes, far too low
loss = (y_hat - minutes) ** 2
loss.backward()
print(f"loss: {loss.item():.2f}")
print(f"dL/dw: {w.grad.item():.1f}   dL/db: {b.grad.item():.1f}")
# --8<-- [end:neuron]

# --8<-- [start:rules]
# %% The record is freed after backward(): a second call on y fails
try:
    y.backward()
except RuntimeError as err:
    print("RuntimeError:", err)

# %% Recompute y, and a new backward() ADDS to x.grad
y = x**2 + 3 * x
y.backward()
print("x.grad after a second backward:", x.grad.item())
x.grad.zero_()  # reset in place before the next computation
print("x.grad after zero_():", x.grad.item())

# %% no_grad: compute without recording (evaluation, weight updates)
with torch.no_grad():
    z = x * 10
print("z.requires_grad inside no_grad:", z.requires_grad)
print("x.detach() requires grad:", x.detach().requires_grad)
# --8<-- [end:rules]

assert slope == 7.0 and x.grad_fn is None
assert abs(loss.item() - 295.84) < 1e-3
assert abs(w.grad.item() + 172.0) < 1e-3 and abs(b.grad.item() + 34.4) < 1e-3
assert x.grad.item() == 0.0 and not z.requires_grad
# The failure shown above must still happen, and retain_graph avoids it.
y = x**2 + 3 * x
y.backward(retain_graph=True)
y.backward()
assert x.grad.item() == 14.0
try:
    y.backward()
except RuntimeError:
    pass
else:
    raise AssertionError("a second backward() no longer raises")
