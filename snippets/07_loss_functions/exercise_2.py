"""Exercise 2: with two classes, CrossEntropyLoss is BCEWithLogitsLoss.

Softmax over two logits [z0, z1] gives class 1 the probability
sigmoid(z1 - z0). So two-class cross-entropy on the logits equals binary
cross-entropy on the single logit z1 - z0 with 0/1 labels.
"""

# --8<-- [start:solution]
import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

logits = torch.randn(8, 2) * 3  # 8 examples, 2 classes
y = torch.randint(0, 2, (8,))  # right class: 0 or 1
logits, y = logits.to(device), y.to(device)

ce = nn.CrossEntropyLoss()(logits, y)
z = logits[:, 1] - logits[:, 0]  # one logit per example
bce = nn.BCEWithLogitsLoss()(z, y.float())

print(f"CrossEntropyLoss on 2 logits: {ce.item():.4f}")
print(f"BCEWithLogitsLoss on z1 - z0: {bce.item():.4f}")
torch.testing.assert_close(ce, bce)
# --8<-- [end:solution]
