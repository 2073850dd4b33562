"""Exercise 2: swap the RNN for an LSTM on the sine-wave task.

The same data and training loop as rnn_sine.py, with nn.LSTM in place of
nn.RNN. We count the parameters of both recurrent layers (an LSTM has four
gates, so four times the weights) and check that the LSTM also predicts the
unseen stretch of the wave with a small error.
"""

# --8<-- [start:solution]
import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

window = 20
t = torch.arange(0, 60, 0.2)
wave = torch.sin(t)
X = torch.stack([wave[i : i + window] for i in range(len(wave) - window)])
X = X.unsqueeze(-1)
y = wave[window:].unsqueeze(-1)
split = 200
X_train, y_train = X[:split].to(device), y[:split].to(device)
X_test, y_test = X[split:].to(device), y[split:].to(device)


class SineLSTM(nn.Module):
    def __init__(self, hidden_size=16):
        super().__init__()
        self.lstm = nn.LSTM(
            input_size=1, hidden_size=hidden_size, batch_first=True
        )
        self.head = nn.Linear(hidden_size, 1)

    def forward(self, x):
        out, _ = self.lstm(x)  # the LSTM also returns (h_n, c_n): unused
        return self.head(out[:, -1])


def count_params(module):
    return sum(p.numel() for p in module.parameters())


rnn_count = count_params(nn.RNN(1, 16))
lstm_count = count_params(nn.LSTM(1, 16))
print("nn.RNN(1, 16) parameters: ", rnn_count)
print("nn.LSTM(1, 16) parameters:", lstm_count)

model = SineLSTM().to(device)
loss_fn = nn.MSELoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
num_epochs = 300
for _ in range(num_epochs):
    optimizer.zero_grad()
    loss = loss_fn(model(X_train), y_train)
    loss.backward()
    optimizer.step()

with torch.no_grad():
    test_mse = loss_fn(model(X_test), y_test).item()
print(f"LSTM test MSE {test_mse:.5f}")
# --8<-- [end:solution]

assert rnn_count == 304 and lstm_count == 4 * 304 == 1216
assert test_mse < 1e-3, test_mse
