"""Solution to exercise 2: autograd through a Python loop.

``power(x, n)`` builds x**n by multiplying in a plain ``for`` loop, so
the graph PyTorch records has n multiplications. Calculus says the
derivative of x**n is n * x**(n - 1); autograd should agree for every n.
"""

import torch


def power(x, n):
    out = torch.ones_like(x)
    for _ in range(n):  # the loop length is ordinary Python data
        out = out * x
    return out


grads = []
for n in range(1, 5):
    x = torch.tensor(2.0, requires_grad=True)
    power(x, n).backward()
    expected = n * 2.0 ** (n - 1)
    print(f"n = {n}: autograd {x.grad.item():5.1f}, by hand {expected:5.1f}")
    assert abs(x.grad.item() - expected) < 1e-5
    grads.append(x.grad.item())

assert grads == [1.0, 4.0, 12.0, 32.0]
