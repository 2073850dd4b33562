"""A single neuron learns W and b by gradient descent, written out by hand.

The neuron is y_hat = W * x + b with two numbers to learn. Starting from
random values, each pass predicts every delivery time, measures the mean
squared error, lets autograd find which way W and b should move, and
takes a small step that way. One step is shown in detail, then the loop
repeats it; the loss curve shows the error falling.
"""

import matplotlib.pyplot as plt
import torch

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

# %% The same 16 deliveries as in delivery_data.py (same seed, same code)
num_new = 14
new_miles = torch.round((torch.rand(num_new, 1) * 9 + 1) * 10) / 10
new_minutes = 3.4 * new_miles + 5.2 + torch.randn(num_new, 1) * 1.5
X = torch.cat([torch.tensor([[5.0], [6.0]]), new_miles]).to(device)
y = torch.cat([torch.tensor([[22.2], [25.6]]), new_minutes]).to(device)

# %% Step 1: a random start
# --8<-- [start:random_start]
# Drawn on the CPU, then moved, so every device starts from the same values
W = torch.randn(1).to(device).requires_grad_()
b = torch.randn(1).to(device).requires_grad_()
print(f"start: W = {W.item():.3f}, b = {b.item():.3f}")
# --8<-- [end:random_start]

# %% Steps 2 to 5, once, slowly
# --8<-- [start:one_step]
lr = 0.02  # the learning rate: how big a step to take

y_hat = W * X + b  # step 2: predict all 16 times at once
loss = ((y_hat - y) ** 2).mean()  # step 3: mean squared error
print(f"loss at the start: {loss.item():.1f}")

loss.backward()  # step 4: autograd fills W.grad and b.grad
print(f"dL/dW = {W.grad.item():.1f},  dL/db = {b.grad.item():.1f}")

# The same two numbers from the formulas on the page
error = (y_hat - y).detach()
dW, db = (2 * error * X).mean(), (2 * error).mean()
print(f"formula: dL/dW = {dW.item():.1f},  dL/db = {db.item():.1f}")
assert torch.isclose(W.grad, dW, rtol=1e-4)
assert torch.isclose(b.grad, db, rtol=1e-4)

with torch.no_grad():  # step 5: a small step against the gradient
    W -= lr * W.grad
    b -= lr * b.grad
W.grad.zero_()  # clear the gradients before the next backward()
b.grad.zero_()

with torch.no_grad():  # just measuring, nothing to learn from
    loss_after = ((W * X + b - y) ** 2).mean()
print(
    f"after one step: W = {W.item():.3f}, b = {b.item():.3f}, "
    f"loss = {loss_after.item():.1f}"
)
# --8<-- [end:one_step]

assert W.grad.item() == 0.0 and b.grad.item() == 0.0
assert abs(dW.item() + 258.8) < 0.1 and abs(db.item() + 46.6) < 0.1
assert dW / db > 5  # the page: "more than five times"
W_one_step = W.item()
assert abs(W_one_step - 4.96) < 0.01, W_one_step  # "jumps to about 5"

# %% Step 6: repeat
# --8<-- [start:train_loop]
num_epochs = 2000
losses = [loss.item()]  # the loss before the first step
for epoch in range(num_epochs):
    y_hat = W * X + b  # 2. predict
    loss = ((y_hat - y) ** 2).mean()  # 3. measure the error
    loss.backward()  # 4. find the direction
    with torch.no_grad():  # 5. take a small step
        W -= lr * W.grad
        b -= lr * b.grad
    W.grad.zero_()
    b.grad.zero_()
    losses.append(loss.item())
    if epoch % 400 == 0 or epoch == num_epochs - 1:
        print(
            f"epoch {epoch:4d}: loss {loss.item():7.3f}   "
            f"W = {W.item():.3f}   b = {b.item():.3f}"
        )
# --8<-- [end:train_loop]

# --8<-- [start:result]
with torch.no_grad():
    pred_7 = (W * 7.0 + b).item()
print(
    f"learned: W = {W.item():.2f} minutes per mile, b = {b.item():.2f} minutes"
)
print(f"prediction for 7 miles: {pred_7:.1f} minutes")
# --8<-- [end:result]

# The numbers the page states
assert abs(losses[0] - 603) < 1, losses[0]  # "about 603"
assert abs(losses[1] - 20.3) < 0.1, losses[1]  # "about 20"
assert abs(losses[-1] - 1.22) < 0.01, losses[-1]  # "about 1.22"
assert abs(W.item() - 3.38) < 0.01, W.item()  # "about 3.38"
assert abs(b.item() - 5.45) < 0.01, b.item()  # "about 5.45"
assert abs(pred_7 - 29.1) < 0.05, pred_7  # "29.1 minutes"

# --8<-- [start:loss_curve]
fig, ax = plt.subplots(figsize=(6, 4))
ax.plot(range(len(losses)), losses)
ax.set_yscale("log")
ax.set_yticks([1, 10, 100, 1000], labels=["1", "10", "100", "1000"])
ax.minorticks_off()
ax.set_xlabel("epoch (steps taken)")
ax.set_ylabel("mean squared error (log scale)")
ax.set_title("The neuron's error during training")
fig.tight_layout()
plt.show()
# --8<-- [end:loss_curve]
