"""Show PyTorch's dynamic graph: plain Python control flow, exact gradients.

The forward pass below uses an ordinary ``while`` loop whose number of
steps depends on the input, and an ordinary ``if``. PyTorch records the
operations that actually run, so each input gets its own graph, and
``backward()`` differentiates exactly the path that was taken.
"""

import torch

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def forward(x):
    """Double x until it reaches 10 in size, then square or negate it."""
    y = x
    steps = 0
    while y.abs() < 10:  # how many times we loop depends on the data
        y = y * 2
        steps += 1
    if y > 0:  # which branch runs depends on the data too
        out = y**2
        branch = "square"
    else:
        out = -y
        branch = "negate"
    return out, steps, branch


for value in [1.5, -0.7]:
    x = torch.tensor(value, device=device, requires_grad=True)
    out, steps, branch = forward(x)
    out.backward()  # autograd walks back along the path that ran
    print(
        f"x = {value:>4}: {steps} doublings, then {branch}; "
        f"output = {out.item():.2f}, d(output)/dx = {x.grad.item():.2f}"
    )
    if value == 1.5:
        # 3 doublings give y = 8x, then output = (8x)**2 = 64x**2,
        # whose derivative is 128x = 192 at x = 1.5.
        assert steps == 3 and abs(x.grad.item() - 192.0) < 1e-4
    else:
        # 4 doublings give y = 16x < 0, then output = -16x: slope -16.
        assert steps == 4 and abs(x.grad.item() + 16.0) < 1e-4
