"""Scaled dot-product attention, by hand and with PyTorch's own function.

Seven words get small made-up embeddings. We build queries, keys and values
from them, compute softmax(Q K^T / sqrt(d)) V step by step, check the result
against torch.nn.functional.scaled_dot_product_attention, then repeat with a
causal mask (each word may look only at itself and earlier words), the kind
of attention GPT-style models use. Both weight matrices are drawn as heat
maps.
"""

import math

import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

# --8<-- [start:embeddings]
tokens = ["the", "cat", "sat", "because", "it", "was", "tired"]
# Four made-up features per word: animal, action, small word, pronoun.
X = 3.0 * torch.tensor(
    [
        [0.0, 0.0, 1.0, 0.0],  # the
        [1.0, 0.0, 0.0, 0.0],  # cat
        [0.0, 1.0, 0.0, 0.0],  # sat
        [0.0, 0.0, 1.0, 0.0],  # because
        [0.0, 0.0, 0.0, 1.0],  # it
        [0.0, 0.5, 0.5, 0.0],  # was
        [0.0, 1.0, 0.0, 0.0],  # tired
    ],
    device=device,
)
d = X.shape[1]  # embedding size, 4

# In a transformer these three matrices are learned. Here we pick them by
# hand: keys and values are the embeddings themselves, and the query of a
# pronoun asks for the "animal" feature, so "it" goes looking for an animal.
W_q = torch.eye(d, device=device)
W_q[3] = torch.tensor([1.0, 0.0, 0.0, 0.0])  # pronoun -> animal
W_k = torch.eye(d, device=device)
W_v = torch.eye(d, device=device)
Q, K, V = X @ W_q, X @ W_k, X @ W_v  # each of shape (7, 4)
# --8<-- [end:embeddings]

# --8<-- [start:by_hand]
scores = Q @ K.T / math.sqrt(d)  # (7, 7): how well query i matches key j
weights = torch.softmax(scores, dim=-1)  # each row sums to 1
out = weights @ V  # (7, 4): a weighted average of the values

expected = F.scaled_dot_product_attention(Q, K, V)
torch.testing.assert_close(out, expected)  # raises if they differ
print("output shape:", tuple(out.shape), "- the same as PyTorch's")

row = weights[tokens.index("it")]
for token, w in zip(tokens, row.tolist(), strict=True):
    print(f"  'it' -> {token:8s} {w:.3f}")
# --8<-- [end:by_hand]

# --8<-- [start:causal]
n = len(tokens)
causal = torch.tril(torch.ones(n, n, dtype=torch.bool, device=device))
# ~causal is True where looking is forbidden; masked_fill writes -inf there
masked_scores = scores.masked_fill(~causal, float("-inf"))
causal_weights = torch.softmax(masked_scores, dim=-1)  # exp(-inf) = 0
causal_out = causal_weights @ V

expected = F.scaled_dot_product_attention(Q, K, V, is_causal=True)
torch.testing.assert_close(causal_out, expected)  # is_causal: the same
print("mask (1 = may look):")
print(causal.int().cpu())
# --8<-- [end:causal]

# --8<-- [start:heatmap]
fig, axes = plt.subplots(1, 2, figsize=(9.5, 4.2))
fig.subplots_adjust(wspace=0.35)
panels = [(weights, "Full attention"), (causal_weights, "Causal attention")]
for ax, (matrix, title) in zip(axes, panels, strict=True):
    image = ax.imshow(matrix.cpu(), cmap="viridis", vmin=0, vmax=1)
    for i in range(n):  # write every weight of 0.05 or more in its cell
        for j in range(n):
            w = matrix[i, j].item()
            if w >= 0.05:
                color = "black" if w > 0.6 else "white"
                ax.text(
                    j,
                    i,
                    f"{w:.2f}",
                    ha="center",
                    va="center",
                    fontsize=10,
                    color=color,
                )
    ax.set_xticks(range(n), tokens, rotation=45)
    ax.set_yticks(range(n), tokens)
    ax.set_xlabel("key (word looked at)")
    ax.set_title(title)
axes[0].set_ylabel("query (word looking)")
fig.colorbar(image, ax=axes, label="attention weight")
plt.show()
# --8<-- [end:heatmap]
# The weights the figure's description gives, to two decimals
full = weights.cpu().numpy().round(2)
masked = causal_weights.cpu().numpy().round(2)
assert full[1, 1] == full[4, 1] == 0.94  # cat and it look at cat
assert full[0, 0] == full[0, 3] == full[3, 0] == full[3, 3] == 0.47
assert full[2, 2] == full[2, 6] == full[6, 2] == full[6, 6] == 0.47
assert list(full[5, [0, 2, 3, 5, 6]]) == [0.19] * 5  # "was" spreads out
assert list(masked[[0, 1, 2], [0, 1, 2]]) == [1.0, 0.99, 0.98]
assert masked[3, 0] == masked[3, 3] == 0.49 and masked[4, 1] == 0.96
assert list(masked[5, [0, 2, 3, 5]]) == [0.24] * 4
assert (masked[np.triu_indices(7, k=1)] == 0).all()  # nothing ahead
assert row.argmax().item() == tokens.index("cat")
assert abs(row.max().item() - 0.94) < 0.005  # "about 0.94"
assert causal_weights[0, 0] == 1.0  # the first word sees only itself
# What the page claims of nn.TransformerEncoderLayer, and no more:
# 1. it has the sublayers of a GPT layer (self-attention, a two-layer MLP,
#    two LayerNorms) and, unlike the decoder layer, no cross-attention;
encoder_parts = dict(torch.nn.TransformerEncoderLayer(d, 1).named_children())
decoder_parts = dict(torch.nn.TransformerDecoderLayer(d, 1).named_children())
assert {"self_attn", "linear1", "linear2", "norm1", "norm2"} <= set(
    encoder_parts
)
assert "multihead_attn" in decoder_parts  # the decoder's cross-attention
assert "multihead_attn" not in encoder_parts
# 2. its defaults are not GPT's: ReLU, not GELU, and the norm after each
#    sublayer (GPT-1), not before it (GPT-2 onwards);
default = torch.nn.TransformerEncoderLayer(d, 1)
assert default.activation is F.relu and default.norm_first is False
# 3. set up as GPT-2 and given a causal mask, what it outputs for a word
#    does not change when a later word changes (it is causal).
layer = torch.nn.TransformerEncoderLayer(
    d, nhead=1, activation="gelu", norm_first=True, batch_first=True
).eval()
mask = torch.nn.Transformer.generate_square_subsequent_mask(n)
x = X.cpu().unsqueeze(0)  # (1, 7, 4): a batch of one sentence
later_changed = x.clone()
later_changed[0, -1] += 1.0  # change only the last word, "tired"
with torch.no_grad():
    before = layer(x, src_mask=mask, is_causal=True)
    after = layer(later_changed, src_mask=mask, is_causal=True)
torch.testing.assert_close(before[0, :-1], after[0, :-1])
assert not torch.allclose(before[0, -1], after[0, -1])
