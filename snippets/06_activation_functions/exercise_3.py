"""Solution to exercise 3: a softmax that does not overflow.

exp(1000) is far beyond the largest float32 (about 3.4e38), so the textbook
formula turns large logits into inf / inf = nan. Subtracting the largest
logit first changes nothing mathematically, because softmax ignores a
constant added to every logit, yet it keeps every exponent at or below
exp(0) = 1. PyTorch's own softmax does the same.
"""

# --8<-- [start:solution]
import torch

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def naive_softmax(z):
    """The formula exactly as written: exp(z_i) / sum_j exp(z_j)."""
    return torch.exp(z) / torch.exp(z).sum()


def stable_softmax(z):
    """The same formula after subtracting the largest logit."""
    shifted = z - z.max()  # largest logit becomes 0; the rest negative
    return torch.exp(shifted) / torch.exp(shifted).sum()


z = torch.tensor([1000.0, 1001.0, 1002.0], device=device)
naive = naive_softmax(z)
stable = stable_softmax(z)
small = torch.softmax(z - 1000, dim=0)  # the same logits, shifted by 1000

print("naive: ", naive.tolist())
print("stable:", [round(v, 4) for v in stable.tolist()])
print("torch: ", [round(v, 4) for v in torch.softmax(z, dim=0).tolist()])
print("softmax of [0, 1, 2]:", [round(v, 4) for v in small.tolist()])
# --8<-- [end:solution]

assert torch.isnan(naive).all()  # inf / inf
assert torch.allclose(stable, torch.softmax(z, dim=0))
assert torch.allclose(stable, small)  # adding a constant changes nothing
assert abs(stable[2].item() - 0.6652) < 1e-4, stable
