"""A small recurrent network learns to continue a sine wave.

The network reads the previous 20 values of a sine wave, one at a time,
carrying a hidden state from step to step, and predicts the next value. We
train it on the first part of the wave and test it on a later part it
never saw, then plot its predictions against the true curve.
"""

import matplotlib.pyplot as plt
import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

# --8<-- [start:data]
window = 20  # how many past values the network sees
t = torch.arange(0, 60, 0.2)  # 300 time points
wave = torch.sin(t)

# Every run of 20 consecutive values is an input; the value after it is
# the target. Inputs get shape (n, 20, 1): n sequences, 20 steps, 1 feature.
X = torch.stack([wave[i : i + window] for i in range(len(wave) - window)])
X = X.unsqueeze(-1)
y = wave[window:].unsqueeze(-1)  # shape (n, 1)
t_target = t[window:]  # the time of each target, for the plot

split = 200  # the first 200 examples train, the rest test
X_train, y_train = X[:split].to(device), y[:split].to(device)
X_test, y_test = X[split:].to(device), y[split:].to(device)
print("inputs:", tuple(X.shape), " targets:", tuple(y.shape))
# --8<-- [end:data]


# --8<-- [start:model]
class SineRNN(nn.Module):
    def __init__(self, hidden_size=16):
        super().__init__()
        self.rnn = nn.RNN(
            input_size=1, hidden_size=hidden_size, batch_first=True
        )
        self.head = nn.Linear(hidden_size, 1)

    def forward(self, x):
        out, _ = self.rnn(x)  # out: (n, 20, hidden), one state per step
        return self.head(out[:, -1])  # predict from the last state


model = SineRNN().to(device)
n_params = sum(p.numel() for p in model.parameters())
print("parameters:", n_params)
# --8<-- [end:model]

# --8<-- [start:train]
loss_fn = nn.MSELoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
num_epochs = 300
for epoch in range(num_epochs):
    optimizer.zero_grad()
    loss = loss_fn(model(X_train), y_train)
    loss.backward()
    optimizer.step()
    if epoch % 100 == 0:
        print(f"epoch {epoch:3d}  train MSE {loss.item():.5f}")

with torch.no_grad():
    pred_test = model(X_test)
test_mse = loss_fn(pred_test, y_test).item()
print(f"test MSE {test_mse:.5f}")
# --8<-- [end:train]

# --8<-- [start:plot]
fig, ax = plt.subplots(figsize=(8, 4))
ax.plot(t, wave, color="lightgray", linewidth=4, label="true wave")
ax.plot(
    t_target[split:],
    pred_test.cpu(),
    "--",
    color="tab:orange",
    label="RNN, one step ahead",
)
ax.axvline(
    t_target[split].item(), color="black", linestyle=":", label="train | test"
)
ax.set_ylim(-1.3, 1.6)
ax.set_xlabel("time t")
ax.set_ylabel("value")
ax.set_title("Each prediction reads the 20 true values before it")
ax.legend(loc="upper center", ncol=3)
plt.show()
# --8<-- [end:plot]
assert X.shape == (280, 20, 1) and len(X_test) == 80
assert n_params == 321  # RNN 16*1 + 16*16 + 16 + 16 = 304, head 16 + 1
assert test_mse < 1e-3, test_mse  # "below 0.001"
