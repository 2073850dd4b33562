"""Solution to exercise 2: walk downhill with autograd and no_grad.

We look for the x that minimises f(x) = (x - 3)^2 + 1. Each step asks
autograd for the gradient, moves x a little against it inside
``torch.no_grad()`` (the update itself must not be recorded), and resets the
gradient so the next step starts from zero. This is exactly what training a
network does, with one number instead of millions.
"""

# --8<-- [start:solution]
import torch

x = torch.tensor(0.0, requires_grad=True)
lr = 0.1  # learning rate: how big a step to take
num_steps = 50

for step in range(num_steps):
    f = (x - 3) ** 2 + 1
    if step % 10 == 0:
        print(f"step {step:2d}: x = {x.item():.4f}, f(x) = {f.item():.4f}")
    f.backward()  # x.grad = 2 * (x - 3)
    with torch.no_grad():
        x -= lr * x.grad  # step against the gradient
    x.grad.zero_()  # otherwise the next gradient adds to this one

print(f"after {num_steps} steps: x = {x.item():.4f}")
# --8<-- [end:solution]

# Each step shrinks the distance to 3 by a factor 1 - 2 * lr = 0.8
assert abs((3 - x.item()) - 3 * 0.8**num_steps) < 1e-5
assert abs(x.item() - 3.0) < 1e-4  # the minimum is at x = 3
