"""Where MSE and cross-entropy come from: entropy and likelihood.

Cross-entropy H(p, q) = -sum p log q is the entropy H(p) of the target
distribution p plus the Kullback-Leibler divergence KL(p || q), which
measures how far the model's q is from p; CrossEntropyLoss with a
probability target computes exactly H(p, q). Then both losses as negative
log-likelihoods: under Gaussian noise the mean negative log-likelihood is
MSE / (2 sigma^2) plus a constant, and under a categorical model it is the
cross-entropy itself. torch.distributions supplies the log-probabilities.
"""

import math

import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

# --8<-- [start:entropy]
p = torch.tensor([0.7, 0.2, 0.1], device=device)  # the target distribution
logits = torch.tensor([2.0, 0.5, -1.0], device=device)
q = torch.softmax(logits, dim=0)  # the model's distribution

entropy = -(p * torch.log(p)).sum()  # H(p)
cross_entropy = -(p * torch.log(q)).sum()  # H(p, q)
kl = (p * torch.log(p / q)).sum()  # KL(p || q), never below 0
print(f"H(p)          {entropy.item():.4f}")
print(f"KL(p || q)    {kl.item():.4f}")
print(f"H(p) + KL     {(entropy + kl).item():.4f}")
print(f"H(p, q)       {cross_entropy.item():.4f}")
loss_p = nn.CrossEntropyLoss()(logits.unsqueeze(0), p.unsqueeze(0))
print(f"CrossEntropyLoss with target p: {loss_p.item():.4f}")
# --8<-- [end:entropy]

# --8<-- [start:likelihood]
# Regression: assume each time is the prediction plus Gaussian noise.
y = torch.tensor([22.2, 25.6, 29.0, 31.5, 26.4], device=device)
y_hat = torch.tensor([23.0, 25.0, 29.5, 30.0, 18.4], device=device)
sigma = 1.5  # the noise's standard deviation, in minutes
noise = torch.distributions.Normal(loc=y_hat, scale=sigma)
nll = -noise.log_prob(y).mean()  # mean negative log-likelihood
mse = nn.MSELoss()(y_hat, y)
constant = math.log(sigma * math.sqrt(2 * math.pi))  # does not depend on w
from_mse = mse / (2 * sigma**2) + constant
print(f"Gaussian NLL            {nll.item():.4f}")
print(f"MSE / (2 sigma^2) + c   {from_mse.item():.4f}")

# Classification: a categorical distribution over K classes per example.
logits = torch.tensor(
    [[2.0, 0.5, -1.0], [0.1, 0.2, 3.0], [1.0, 1.0, 1.0]], device=device
)
labels = torch.tensor([0, 2, 1], device=device)
classes = torch.distributions.Categorical(logits=logits)
cat_nll = -classes.log_prob(labels).mean()
ce = nn.CrossEntropyLoss()(logits, labels)
print(f"categorical NLL         {cat_nll.item():.4f}")
print(f"CrossEntropyLoss        {ce.item():.4f}")
# --8<-- [end:likelihood]

torch.testing.assert_close(cross_entropy, entropy + kl)
torch.testing.assert_close(loss_p, cross_entropy)
assert kl.item() > 0
torch.testing.assert_close(nll, from_mse)
torch.testing.assert_close(cat_nll, ce)
