"""Softmax turns a vector of scores into probabilities.

A classifier's last layer gives one raw score (a logit) per class. Softmax
exponentiates every score and divides by the total, so the results are
positive, sum to 1 and keep the scores' order. The figure puts the logits
and the probabilities side by side. Because each probability depends on
every logit, softmax's derivative is a matrix (a Jacobian), which autograd
computes for us.
"""

# --8<-- [start:softmax]
import matplotlib.pyplot as plt
import torch

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

classes = ["cat", "dog", "bird", "fish"]
z = torch.tensor([2.0, 1.0, 0.1, -1.0], device=device)  # the logits

p = torch.softmax(z, dim=0)
by_hand = torch.exp(z) / torch.exp(z).sum()  # the formula, written out

for name, z_i, p_i in zip(classes, z.tolist(), p.tolist(), strict=True):
    print(f"{name:>4}: logit {z_i:5.1f} -> probability {p_i:.3f}")
print(f"sum of probabilities: {p.sum().item():.4f}")
print("matches the formula:", torch.allclose(p, by_hand))
# --8<-- [end:softmax]

# --8<-- [start:plot]
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(8, 3.5))
ax1.bar(classes, z.cpu(), color="tab:gray")
ax1.axhline(0, color="black", linewidth=0.8)
ax1.set_title("Logits: any real numbers")
ax1.set_xlabel("class")
ax1.set_ylabel("score z")
ax2.bar(classes, p.cpu(), color="tab:blue")
ax2.set_ylim(0, 1)
ax2.set_title("Softmax: probabilities that sum to 1")
ax2.set_xlabel("class")
ax2.set_ylabel("probability p")
for i, p_i in enumerate(p.tolist()):
    ax2.text(i, p_i + 0.02, f"{p_i:.2f}", ha="center")
fig.tight_layout()
plt.show()
# --8<-- [end:plot]

# --8<-- [start:jacobian]
J = torch.autograd.functional.jacobian(
    lambda logits: torch.softmax(logits, dim=0), z
)
print("Jacobian dp_i/dz_j, shape", tuple(J.shape))
for row in J.tolist():
    print("  ".join(f"{v:6.3f}" for v in row))
# Nudging any one logit cannot change the total of 1, so the changes it
# causes cancel: every column of the Jacobian sums to zero.
print("column sums:", [round(abs(s), 6) for s in J.sum(dim=0).tolist()])
formula = torch.diag(p) - torch.outer(p, p)  # p_i (delta_ij - p_j)
print("matches the formula:", torch.allclose(J, formula, atol=1e-6))
# --8<-- [end:jacobian]

assert J.shape == (4, 4)
assert J.sum(dim=0).abs().max().item() < 1e-6
assert torch.allclose(J, formula, atol=1e-6)

assert torch.allclose(p, by_hand)
assert abs(p.sum().item() - 1.0) < 1e-6
assert torch.equal(p.argsort(), z.argsort())  # same order as the logits
assert abs(p[0].item() - 0.638) < 1e-3, p[0]  # about 64%
