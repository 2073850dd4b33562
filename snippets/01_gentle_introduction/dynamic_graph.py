"""Show PyTorch's dynamic graph: plain Python control flow, exact gradients.

The forward pass below uses an ordinary ``while`` loop whose number of
steps depends on the input, and an ordinary ``if``. PyTorch records the
operations that actually run, so each input gets its own graph, and
``backward()`` differentiates exactly the path that was taken.
"""

# --8<-- [start:graph]
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
    # requires_grad=True: record every operation that uses x
    x = torch.tensor(value, device=device, requires_grad=True)
    out, steps, branch = forward(x)
    out.backward()  # walk the record backwards; d(out)/dx lands in x.grad
    print(
        f"x = {value:>4}: {steps} doublings, then {branch}; "
        f"output = {out.item():.2f}, d(output)/dx = {x.grad.item():.2f}"
    )
# --8<-- [end:graph]

# The last input, -0.7: 4 doublings give y = 16x < 0, then output = -16x,
# whose slope is -16. Rerun the first input: 3 doublings give y = 8x,
# output = 64x**2, slope 128x = 192 at x = 1.5.
assert steps == 4 and branch == "negate" and x.grad.item() == -16.0
x = torch.tensor(1.5, requires_grad=True)
out, steps, branch = forward(x)
out.backward()
assert steps == 3 and branch == "square"
assert abs(out.item() - 144.0) < 1e-4 and abs(x.grad.item() - 192.0) < 1e-4
