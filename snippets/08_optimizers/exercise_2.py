"""Exercise 2: write momentum by hand, in PyTorch's form and the textbook's.

PyTorch's SGD with momentum keeps a velocity v for each parameter:
v <- momentum * v + grad, then theta <- theta - lr * v (v starts at 0, so
its first value is the gradient itself). The textbook form folds lr into
the velocity: v <- momentum * v + lr * grad, then theta <- theta - v. We
run 20 steps at lr = 0.02, then 20 more at lr = 0.002, as a schedule
would, with both forms by hand and with torch.optim.SGD(momentum=0.9).
PyTorch's optimizer follows its own form throughout; the textbook form
agrees while the rate is constant and parts from it when the rate drops.
"""

# --8<-- [start:solution]
import torch

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def bowl(theta):
    return 0.5 * theta[0] ** 2 + 5.0 * theta[1] ** 2


momentum = 0.9
rates = [0.02] * 20 + [0.002] * 20  # the rate drops tenfold at step 21


def by_hand(textbook):
    theta = torch.tensor([-4.0, 2.0], device=device, requires_grad=True)
    v = torch.zeros_like(theta)
    path = []
    for lr in rates:
        bowl(theta).backward()
        with torch.no_grad():
            if textbook:
                v = momentum * v + lr * theta.grad
                theta -= v
            else:  # PyTorch's form
                v = momentum * v + theta.grad
                theta -= lr * v
        theta.grad.zero_()
        path.append(theta.detach().clone())
    return torch.stack(path)


def with_torch():
    theta = torch.tensor([-4.0, 2.0], device=device, requires_grad=True)
    optimizer = torch.optim.SGD([theta], lr=rates[0], momentum=momentum)
    path = []
    for lr in rates:
        optimizer.param_groups[0]["lr"] = lr  # what a scheduler does
        optimizer.zero_grad()
        bowl(theta).backward()
        optimizer.step()
        path.append(theta.detach().clone())
    return torch.stack(path)


pytorch_form = by_hand(textbook=False)
textbook_form = by_hand(textbook=True)
torch_path = with_torch()


def show(gap):
    return "< 1e-5" if gap < 1e-5 else f"{gap:.2f}"


print("largest gap to torch.optim.SGD's path:")
for name, path in [
    ("PyTorch form", pytorch_form),
    ("textbook", textbook_form),
]:
    gap = (path - torch_path).abs().max(dim=1).values
    print(
        f"  {name:12s}  steps 1-20: {show(gap[:20].max().item())}, "
        f"steps 21-40: {show(gap[20:].max().item())}"
    )
# --8<-- [end:solution]

gap_torch = (pytorch_form - torch_path).abs().max().item()
gap_text = (textbook_form - torch_path).abs().max(dim=1).values
assert gap_torch < 1e-5, gap_torch
assert gap_text[:20].max() < 1e-5  # the same while lr is constant
assert gap_text[20:].max() > 0.1  # apart once it drops
