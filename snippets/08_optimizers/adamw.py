"""Weight decay in Adam and in AdamW.

Take a weight the loss does not depend on: its gradient is 0, so only
weight decay moves it. Adam(weight_decay=wd) adds wd * theta to the
gradient and then divides by the root of that gradient's own average
square, so the size of wd cancels out and the weight drops by about lr
per step whatever wd is. AdamW applies the decay directly,
theta <- theta - lr * wd * theta, outside the Adam step, so after 50 steps
the weight is exactly (1 - lr * wd) ** 50.
"""

import torch

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


# --8<-- [start:decay]
def weight_after(optimizer_class, weight_decay, lr=0.01, num_steps=50):
    """Train a weight that the loss ignores; return where it ends."""
    theta = torch.ones(1, device=device, requires_grad=True)
    optimizer = optimizer_class([theta], lr=lr, weight_decay=weight_decay)
    for _ in range(num_steps):
        optimizer.zero_grad()
        loss = 0 * theta.sum()  # the loss does not depend on theta ...
        loss.backward()  # ... so its gradient is 0
        optimizer.step()
    return theta.item()


results = {}
for wd in (0.1, 1.0):
    adam = weight_after(torch.optim.Adam, wd)
    adamw = weight_after(torch.optim.AdamW, wd)
    results[wd] = (adam, adamw)
    print(
        f"weight_decay={wd}: Adam {adam:.3f}, AdamW {adamw:.3f}, "
        f"(1 - lr * wd)^50 = {(1 - 0.01 * wd) ** 50:.3f}"
    )
# --8<-- [end:decay]

(adam_small, adamw_small), (adam_big, adamw_big) = results.values()
assert abs(adam_small - adam_big) < 1e-4  # Adam: wd makes no difference
assert abs(adam_small - 0.537) < 0.005  # "0.537": close to 1 - 50 * lr
assert abs(adamw_small - 0.999**50) < 1e-5  # exactly (1 - lr * wd) ** 50
assert abs(adamw_big - 0.99**50) < 1e-5
