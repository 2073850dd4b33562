"""Exercise 2: write momentum by hand and match torch.optim.SGD.

PyTorch's SGD with momentum keeps a velocity v for each parameter:
v <- momentum * v + grad, then theta <- theta - lr * v (v starts at 0, so
its first value is the gradient itself). We run 20 steps of this rule by
hand on the bowl and 20 steps of torch.optim.SGD(momentum=0.9), and check
that the two paths agree.
"""

import torch

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def bowl(theta):
    return 0.5 * theta[0] ** 2 + 5.0 * theta[1] ** 2


lr, momentum, num_steps = 0.02, 0.9, 20

# By hand.
theta = torch.tensor([-4.0, 2.0], device=device, requires_grad=True)
v = torch.zeros_like(theta)
hand_path = []
for _ in range(num_steps):
    bowl(theta).backward()
    with torch.no_grad():
        v = momentum * v + theta.grad  # remember past directions
        theta -= lr * v
    theta.grad.zero_()
    hand_path.append(theta.detach().clone())

# With torch.optim.
theta = torch.tensor([-4.0, 2.0], device=device, requires_grad=True)
optimizer = torch.optim.SGD([theta], lr=lr, momentum=momentum)
torch_path = []
for _ in range(num_steps):
    optimizer.zero_grad()
    bowl(theta).backward()
    optimizer.step()
    torch_path.append(theta.detach().clone())

gap = (torch.stack(hand_path) - torch.stack(torch_path)).abs().max().item()
print(
    f"after 20 steps: by hand {hand_path[-1].cpu().numpy().round(4)}, "
    f"torch {torch_path[-1].cpu().numpy().round(4)}"
)
print(f"largest difference along the path: {gap:.1e}")
assert gap < 1e-5, gap
