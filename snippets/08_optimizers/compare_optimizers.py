"""Four optimizers train the same small network from the same start.

A network with one hidden layer of 32 tanh units learns y = sin(x) on 100
points between -3 and 3, using full-batch mean squared error. Every run
starts from an identical copy of the same weights and takes 400 steps;
only the optimizer changes: plain SGD, SGD with momentum, RMSprop and Adam,
each with a learning rate in its usual range. The figure plots the four
loss curves on a log scale.
"""

import copy

import matplotlib.pyplot as plt
import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

# --8<-- [start:setup]
X = torch.linspace(-3, 3, 100, device=device).unsqueeze(1)
y = torch.sin(X)
loss_fn = nn.MSELoss()
start_model = nn.Sequential(
    nn.Linear(1, 32),
    nn.Tanh(),
    nn.Linear(32, 1),
).to(device)

optimizers = {
    "SGD": lambda params: torch.optim.SGD(params, lr=0.1),
    "SGD + momentum": lambda params: torch.optim.SGD(
        params, lr=0.1, momentum=0.9
    ),
    "RMSprop": lambda params: torch.optim.RMSprop(params, lr=0.003),
    "Adam": lambda params: torch.optim.Adam(params, lr=0.01),
}
# --8<-- [end:setup]

# --8<-- [start:train]
num_epochs = 400
curves, largest_step = {}, {}
for name, make_optimizer in optimizers.items():
    model = copy.deepcopy(start_model)  # the same starting weights
    optimizer = make_optimizer(model.parameters())
    lr = optimizer.param_groups[0]["lr"]
    losses, largest = [], 0.0
    for _ in range(num_epochs):
        before = [p.detach().clone() for p in model.parameters()]
        optimizer.zero_grad()
        loss = loss_fn(model(X), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        # The biggest change of any single parameter, in units of lr.
        for old, new in zip(before, model.parameters(), strict=True):
            largest = max(largest, (new - old).abs().max().item() / lr)
    curves[name], largest_step[name] = losses, largest
    print(
        f"{name:>14}: final loss {losses[-1]:.6f}, "
        f"largest step {largest:.2f} x lr"
    )

final = {name: losses[-1] for name, losses in curves.items()}
ratio = {name: final["SGD"] / loss for name, loss in final.items()}
print(
    f"SGD's final loss is {ratio['SGD + momentum']:.0f}x momentum's, "
    f"{ratio['Adam']:.1f}x Adam's, {ratio['RMSprop']:.1f}x RMSprop's"
)
# --8<-- [end:train]

# --8<-- [start:plot]
styles = {"SGD": "-", "SGD + momentum": "--", "RMSprop": ":", "Adam": "-."}
fig, ax = plt.subplots(figsize=(7, 4), layout="constrained")
for name, losses in curves.items():
    ax.plot(losses, styles[name], lw=2, label=name)
ax.set_yscale("log")
ax.set_xlabel("step (one full-batch update)")
ax.set_ylabel("MSE (log scale)")
ax.set_title("Fitting sin(x) with a small network: four optimizers")
ax.legend()
plt.show()
# --8<-- [end:plot]

assert 30 < ratio["SGD + momentum"] < 70  # "about 50 times lower"
assert 5 < ratio["Adam"] < 7  # "more than five times lower"
assert curves["Adam"][200] > curves["SGD"][200]  # "behind at step 200"
assert 0.5 < ratio["RMSprop"] < 1  # "a little above plain SGD"
assert abs(final["SGD"] - 0.004) < 0.0005  # alt text: "near 0.004"
assert final["SGD + momentum"] < 1e-4  # alt text: "below 0.0001"

# "the largest printed is 1.24 lr"; "Adam's stays near lr, while
# RMSprop's is its uncorrected first step, 10 lr".
assert 1.2 < largest_step["Adam"] < 1.3, largest_step
assert abs(largest_step["RMSprop"] - 10) < 1e-3, largest_step


def largest_adam_step(gradients):
    """Feed Adam(lr=1) a fixed sequence of gradients; largest step taken."""
    theta = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.Adam([theta], lr=1.0)
    biggest = 0.0
    for g in gradients:
        before = theta.item()
        theta.grad = torch.tensor([g])
        optimizer.step()
        biggest = max(biggest, abs(theta.item() - before))
    return biggest


# Steady gradients give steps of about lr whatever their scale ...
assert abs(largest_adam_step([5.0] * 500) - 1.0) < 1e-3
assert abs(largest_adam_step([0.001] * 500) - 1.0) < 1e-3
# ... but s remembers far longer than m, so just after the gradients grow
# the step reaches several lr: "several times eta".
assert largest_adam_step([1.0] * 1000 + [10.0] * 100) > 4
assert largest_adam_step([1.0] * 1000 + [3.0] * 100) > 2
