"""Exercise 3: how the first step of SGD, RMSprop and Adam scales.

Scale the bowl's loss by 1, 100 and 0.01 and take one step from (-4, 2)
with SGD (lr = 0.01), RMSprop (lr = 0.01) and Adam (lr = 0.1). SGD's step
is lr times the gradient, so it scales with the loss. RMSprop's first
square average is s = (1 - alpha) g**2 = 0.01 g**2 and it has no bias
correction, so its first step is lr * g / (0.1 |g|) = 10 lr in each
coordinate. Adam's bias-corrected estimates at step 1 are m_hat = g and
s_hat = g**2, so its step is lr * g / (|g| + eps): lr in each coordinate,
downhill, whatever the scale.
"""

# --8<-- [start:solution]
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


optimizers = {
    "SGD": lambda p: torch.optim.SGD(p, lr=0.01),
    "RMSprop": lambda p: torch.optim.RMSprop(p, lr=0.01),
    "Adam": lambda p: torch.optim.Adam(p, lr=0.1),
}
steps = {}
for scale in [1.0, 100.0, 0.01]:
    print(f"loss x {scale}:")
    for name, make_optimizer in optimizers.items():
        step = first_step(make_optimizer, scale)
        steps[scale, name] = step
        print(f"  {name:8s} step {[round(v, 4) for v in step.tolist()]}")
# --8<-- [end:solution]

for scale in [1.0, 100.0, 0.01]:
    # SGD's step is lr * scale * gradient; the gradient at (-4, 2) is (-4, 20)
    expected = 0.01 * scale * torch.tensor([4.0, -20.0])
    torch.testing.assert_close(steps[scale, "SGD"], expected)
    # RMSprop: 10 * lr = 0.1 per coordinate; Adam: lr = 0.1, both downhill
    for name in ("RMSprop", "Adam"):
        torch.testing.assert_close(
            steps[scale, name], torch.tensor([0.1, -0.1]), atol=1e-5, rtol=0
        )
