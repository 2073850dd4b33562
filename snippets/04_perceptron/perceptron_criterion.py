"""The perceptron rule is stochastic gradient descent on one loss.

Write the labels as t = -1 or +1 instead of 0 or 1. The rule then reads:
on a mistake (t * z <= 0), add lr * t * x to the weights and lr * t to the
bias. The perceptron criterion, max(0, -t * z), is zero for an example on
the correct side and grows with how far a wrong one sits on the wrong side.
Its gradient is -t * x on a mistake, so one SGD step on it is one step of
the rule. We train AND both ways from the chapter's start and compare.
"""

import torch

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

X = torch.tensor(
    [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], device=device
)
w_start = (0.5 * torch.randn(2)).to(device)  # the chapter's start
b_start = (0.5 * torch.randn(())).to(device)
lr = 0.2

# --8<-- [start:plus_minus]
y = torch.tensor([0.0, 0.0, 0.0, 1.0], device=device)  # AND
num_epochs = 5  # AND's count: four epochs with mistakes, then a clean one
t = 2 * y - 1  # the same labels as -1 and +1
print("labels t:", t.tolist())

w_rule, b_rule = w_start, b_start
for _ in range(num_epochs):
    for x_i, t_i in zip(X, t):
        if t_i * (w_rule @ x_i + b_rule) <= 0:  # wrong side: a mistake
            w_rule = w_rule + lr * t_i * x_i
            b_rule = b_rule + lr * t_i
print(f"rule: w = [{w_rule[0]:.4f}, {w_rule[1]:.4f}], b = {b_rule:.4f}")
# --8<-- [end:plus_minus]

# --8<-- [start:sgd]
w = w_start.clone().requires_grad_(True)
b = b_start.clone().requires_grad_(True)
optimizer = torch.optim.SGD([w, b], lr=lr)
for _ in range(num_epochs):
    for x_i, t_i in zip(X, t):
        z = w @ x_i + b
        loss = torch.clamp(-t_i * z, min=0)  # the perceptron criterion
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()  # one example, one step: stochastic
print(f"SGD:  w = [{w[0]:.4f}, {w[1]:.4f}], b = {b.item():.4f}")
same = torch.allclose(w, w_rule) and torch.allclose(b, b_rule)
print("same weights and bias as the rule:", same)
# --8<-- [end:sgd]

assert same
# Both match the 0/1 rule's result for AND: w = (0.77, 0.45), b = -1.09.
assert abs(w_rule[0] - 0.77) < 0.01 and abs(w_rule[1] - 0.45) < 0.01
assert abs(b_rule - (-1.09)) < 0.01, b_rule
