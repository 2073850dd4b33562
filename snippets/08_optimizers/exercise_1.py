"""Exercise 1: find the largest learning rate that still works on the bowl.

On L = 0.5 * theta_1**2 + 5 * theta_2**2 one gradient step multiplies
theta_2 by (1 - 10 * lr). For lr below 0.2 that factor lies between -1 and
1, so theta_2 shrinks; at 0.2 it is exactly -1 and theta_2 flips sign
forever; above 0.2 it grows. We check this by running 100 steps of
torch.optim.SGD for several learning rates.
"""

# --8<-- [start:solution]
import torch

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def bowl(theta):
    return 0.5 * theta[0] ** 2 + 5.0 * theta[1] ** 2


def final_loss(lr, num_steps=100):
    theta = torch.tensor([-4.0, 2.0], device=device, requires_grad=True)
    optimizer = torch.optim.SGD([theta], lr=lr)
    for _ in range(num_steps):
        optimizer.zero_grad()
        bowl(theta).backward()
        optimizer.step()
    return bowl(theta).item()


results = {}
for lr in [0.05, 0.1, 0.15, 0.19, 0.2, 0.21]:
    results[lr] = final_loss(lr)
    print(
        f"lr = {lr:<4}: loss after 100 steps = {results[lr]:.4g} "
        f"(theta_2 factor per step: {1 - 10 * lr:+.1f})"
    )
# --8<-- [end:solution]

assert all(loss < 1e-3 for lr, loss in results.items() if lr < 0.2)
assert abs(results[0.2] - 20.0) < 0.01  # theta_2 bounces: 5 * 2**2 = 20
assert results[0.21] > 1e4  # diverges
