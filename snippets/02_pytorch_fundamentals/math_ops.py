"""Element-wise arithmetic, in-place methods and matrix multiplication.

Operators such as ``+``, ``*`` and ``**`` and functions such as
``torch.exp`` work element by element on tensors of the same shape. A
method whose name ends in an underscore, such as ``add_``, changes its
tensor in place. Matrix multiplication is a different operation, written
``@`` (or ``torch.matmul``): it combines rows of the left operand with
columns of the right one, and the inner sizes must match.
"""

# --8<-- [start:elementwise]
import torch

a = torch.tensor([1.0, 2.0, 3.0])
b = torch.tensor([10.0, 20.0, 30.0])

# %% Element-wise: position i of the result uses position i of each input
print("a + b   :", a + b)
print("a * b   :", a * b)
print("a ** 2  :", a**2)
print("b / a   :", b / a)
print("exp(a)  :", torch.exp(a))  # printed with 4 decimals by default
print("a * 10  :", a * 10)  # a plain number works with every element

# %% A trailing underscore means "in place": the tensor itself changes
c = a.clone()
print("c.add(1):", c.add(1), " c is still", c)
c.add_(1)
print("after c.add_(1), c is", c)

# %% The dot product: multiply element-wise, then add up
print("dot(a, b):", torch.dot(a, b).item(), "=", (a * b).sum().item())
# --8<-- [end:elementwise]
# --8<-- [start:matmul]
# %% Matrix multiplication: (2, 3) @ (3, 4) -> (2, 4)
A = torch.arange(6.0).reshape(2, 3)
B = torch.ones(3, 4)
C = A @ B
print(f"A:\n{A}")
print(f"A @ B, shape {tuple(C.shape)}:\n{C}")

# %% A layer of neurons is one matrix product plus a bias: y = Wx + b
W = torch.tensor([[0.5, -1.0, 2.0], [1.0, 0.0, -0.5]])  # 2 neurons, 3 inputs
bias = torch.tensor([0.1, -0.2])
x = torch.tensor([1.0, 2.0, 3.0])
y = W @ x + bias
print("y = Wx + b:", y)
# --8<-- [end:matmul]

assert C.shape == (2, 4) and C[1, 0].item() == 12.0
assert torch.allclose(y, torch.tensor([4.6, -0.7]))

assert (a * b).tolist() == [10.0, 40.0, 90.0]
assert abs(torch.exp(a)[0].item() - 2.71828) < 1e-5
assert c.tolist() == [2.0, 3.0, 4.0] and a.tolist() == [1.0, 2.0, 3.0]
assert torch.dot(a, b).item() == 140.0
