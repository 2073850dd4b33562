"""Why the loss wants logits: softmax-then-log breaks on large scores.

A model gives two classes the float32 logits [1000, 0]. Taking exp of 1000
overflows to inf, so a hand-made softmax returns nan; PyTorch's own softmax
rounds the small probability to exactly 0, and log(0) is -inf. Either way
the loss is nan or inf. CrossEntropyLoss works on the logits with the
log-sum-exp trick and returns the right finite values. The same happens
for yes/no labels: BCELoss after a sigmoid gives a clipped, wrong 100,
while BCEWithLogitsLoss gives the true 200.
"""

import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

# --8<-- [start:naive]
logits = torch.tensor([[1000.0, 0.0]], device=device)  # float32
print("exp(logits):", torch.exp(logits).tolist())  # 1000 overflows


def show(loss):
    return f"{loss.item() + 0.0:7.1f}"  # + 0.0 prints -0.0 as 0.0


results = {}
for target in (0, 1):
    y = torch.tensor([target], device=device)
    # 1. Softmax written out by hand, then log.
    p_hand = torch.exp(logits) / torch.exp(logits).sum(dim=1, keepdim=True)
    hand = -torch.log(p_hand[0, target])
    # 2. PyTorch's softmax, then log.
    p = torch.softmax(logits, dim=1)
    two_step = -torch.log(p[0, target])
    # 3. The fused loss, straight from the logits.
    fused = nn.CrossEntropyLoss()(logits, y)
    results[target] = (hand, two_step, fused)
    print(
        f"right class {target}: by hand {show(hand)} | "
        f"softmax+log {show(two_step)} | "
        f"CrossEntropyLoss {show(fused)}"
    )
# --8<-- [end:naive]

# --8<-- [start:logsumexp]
# The log-sum-exp trick: subtract the largest logit m before exp, so the
# biggest term is exp(0) = 1 and nothing overflows.
z = logits[0]
m = z.max()
log_sum_exp = m + torch.log(torch.exp(z - m).sum())
print(
    f"log-sum-exp: {log_sum_exp.item():.1f}, "
    f"torch.logsumexp: {torch.logsumexp(z, dim=0).item():.1f}"
)
loss_class_1 = log_sum_exp - z[1]  # -log p = log-sum-exp - z_target
print(f"loss if the right class is 1: {loss_class_1.item():.1f}")
# --8<-- [end:logsumexp]

# --8<-- [start:binary]
# Yes/no: a logit of -200 for an example whose label is 1.
z = torch.tensor([-200.0], device=device)
y = torch.tensor([1.0], device=device)
p = torch.sigmoid(z)  # the true value, about 1e-87, rounds to 0.0
print(f"sigmoid(-200) in float32: {p.item()}")
bce = nn.BCELoss()(p, y)  # log(0) = -inf, which BCELoss clips to -100
bce_logits = nn.BCEWithLogitsLoss()(z, y)
print(f"BCELoss(sigmoid(z), y):   {bce.item():.1f}")
print(f"BCEWithLogitsLoss(z, y):  {bce_logits.item():.1f}")
# --8<-- [end:binary]

hand, two_step, fused = results[0]  # the model is right and sure
assert torch.isnan(hand)
assert two_step.item() == 0.0 and fused.item() == 0.0
hand, two_step, fused = results[1]  # the model is wrong and sure
assert not torch.isfinite(hand)
assert not torch.isfinite(two_step)  # inf instead of 1000
assert abs(fused.item() - 1000.0) < 1e-3  # page: "1000"
# page: "the gradients become nan" when the loss is inf
z = logits.clone().requires_grad_()
(-torch.log(torch.softmax(z, dim=1)[0, 1])).backward()
assert torch.isnan(z.grad).all()

assert abs(loss_class_1.item() - 1000.0) < 1e-3

assert p.item() == 0.0
assert abs(bce.item() - 100.0) < 1e-3  # finite but wrong
assert abs(bce_logits.item() - 200.0) < 1e-3  # right
