"""Exercise 3: Adam's first step does not care how big the gradient is.

Scale the bowl's loss by 1, 100 and 0.01 and take one step from (-4, 2)
with SGD (lr = 0.01) and with Adam (lr = 0.1). SGD's step is lr times the
gradient, so it scales with the loss. At Adam's first step the
bias-corrected estimates are m_hat = g and s_hat = g**2, so the step is
lr * g / (|g| + eps): lr in size, in the downhill direction, whatever the
scale.
"""

import torch

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def bowl(theta):
    return 0.5 * theta[0] ** 2 + 5.0 * theta[1] ** 2


def first_step(make_optimizer, scale):
    """Return how far theta moves in one step on scale * bowl."""
    start = torch.tensor([-4.0, 2.0], device=device)
    theta = start.clone().requires_grad_(True)
    optimizer = make_optimizer([theta])
    (scale * bowl(theta)).backward()
    optimizer.step()
    return (theta.detach() - start).cpu()


steps = {}
for scale in [1.0, 100.0, 0.01]:
    sgd = first_step(lambda p: torch.optim.SGD(p, lr=0.01), scale)
    adam = first_step(lambda p: torch.optim.Adam(p, lr=0.1), scale)
    steps[scale] = (sgd, adam)
    print(
        f"loss x {scale:<5}: SGD step {sgd.numpy().round(4)}, "
        f"Adam step {adam.numpy().round(4)}"
    )

for scale, (sgd, adam) in steps.items():
    # SGD's step is lr * scale * gradient; the gradient at (-4, 2) is (-4, 20)
    expected = 0.01 * scale * torch.tensor([4.0, -20.0])
    assert torch.allclose(sgd, expected, rtol=1e-3, atol=1e-7), sgd
    # Adam's step is lr = 0.1 along each coordinate, downhill
    assert torch.allclose(adam, torch.tensor([0.1, -0.1]), atol=1e-5), adam
