"""Solution to exercise 2: autograd through a Python loop.

``power(x, n)`` builds x**n by multiplying in a plain ``for`` loop, so
the graph PyTorch records has n multiplications. Calculus says the
derivative of x**n is n * x**(n - 1); autograd should agree for every n.
"""

# --8<-- [start:solution]
import torch


def power(x, n):
    out = torch.ones_like(x)
    for _ in range(n):  # the loop length is ordinary Python data
        out = out * x
    return out


grads, rule = [], []
for n in range(1, 5):
    x = torch.tensor(2.0, requires_grad=True)
    power(x, n).backward()
    grads.append(x.grad.item())
    rule.append(n * 2.0 ** (n - 1))
    print(f"n = {n}: autograd {grads[-1]:5.1f}, by the rule {rule[-1]:5.1f}")
# --8<-- [end:solution]

assert grads == rule == [1.0, 4.0, 12.0, 32.0]
