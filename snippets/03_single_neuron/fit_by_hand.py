"""A single neuron learns w and b by gradient descent, written out by hand.

The neuron is y_hat = w * x + b with two numbers to learn. Starting from
random values, each pass predicts every delivery time, measures the mean
squared error, lets autograd find which way w and b should move, and
takes a small step that way. One step is shown in detail, then the loop
repeats it; the loss curve shows the error falling, and least squares
checks the answer.
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
w = torch.randn(1).to(device).requires_grad_()
b = torch.randn(1).to(device).requires_grad_()
print(f"start: w = {w.item():.3f}, b = {b.item():.3f}")
# --8<-- [end:random_start]

# %% Steps 2 to 5, once, slowly
# --8<-- [start:one_step]
lr = 0.02  # the learning rate: how big a step to take

y_hat = w * X + b  # step 2: predict all 16 times at once
loss = ((y_hat - y) ** 2).mean()  # step 3: mean squared error
print(f"loss at the start: {loss.item():.1f}")

loss.backward()  # step 4: autograd fills w.grad and b.grad
print(f"dL/dw = {w.grad.item():.1f},  dL/db = {b.grad.item():.1f}")

# The same two numbers from the gradient formulas
error = (y_hat - y).detach()
dw = (2 * error * X).mean(dim=0)  # average over the 16 deliveries
db = (2 * error).mean(dim=0)
print(f"formula: dL/dw = {dw.item():.1f},  dL/db = {db.item():.1f}")
torch.testing.assert_close(w.grad, dw)
torch.testing.assert_close(b.grad, db)

with torch.no_grad():  # step 5: a small step against the gradient
    w -= lr * w.grad
    b -= lr * b.grad
w.grad.zero_()  # clear the gradients before the next backward()
b.grad.zero_()

with torch.no_grad():  # just measuring, nothing to learn from
    loss_after = ((w * X + b - y) ** 2).mean()
print(
    f"after one step: w = {w.item():.3f}, b = {b.item():.3f}, "
    f"loss = {loss_after.item():.1f}"
)
# --8<-- [end:one_step]

assert w.grad.item() == 0.0 and b.grad.item() == 0.0
assert abs(dw.item() + 258.8) < 0.1 and abs(db.item() + 46.6) < 0.1
assert dw / db > 5  # "more than five times"
assert abs(w.item() - 4.96) < 0.01, w.item()  # "jumps to about 5"

# %% Step 6: repeat
# --8<-- [start:train_loop]
num_epochs = 2000
losses = [loss.item()]  # the loss at the random start
for epoch in range(num_epochs):
    y_hat = w * X + b  # 2. predict
    loss = ((y_hat - y) ** 2).mean()  # 3. measure the error
    if epoch % 400 == 0 or epoch == num_epochs - 1:
        print(  # w and b, and the loss they give, before this step
            f"epoch {epoch:4d}: w = {w.item():.3f}   b = {b.item():.3f}"
            f"   loss {loss.item():7.3f}"
        )
    loss.backward()  # 4. find the direction
    with torch.no_grad():  # 5. take a small step
        w -= lr * w.grad
        b -= lr * b.grad
    w.grad.zero_()
    b.grad.zero_()
    losses.append(loss.item())
# --8<-- [end:train_loop]

# --8<-- [start:result]
with torch.no_grad():
    final_loss = ((w * X + b - y) ** 2).mean().item()
    pred_7 = (w * 7.0 + b).item()
print(f"learned: w = {w.item():.2f} minutes per mile, b = {b.item():.2f}")
print(f"loss: {final_loss:.2f}")
print(f"prediction for 7 miles: {pred_7:.1f} minutes")
# --8<-- [end:result]

assert abs(losses[0] - 603) < 1, losses[0]  # "about 603"
assert abs(losses[1] - 20.3) < 0.1, losses[1]  # "about 20"
assert abs(final_loss - 1.22) < 0.01, final_loss  # "about 1.22"
assert abs(w.item() - 3.38) < 0.01, w.item()  # "about 3.38"
assert abs(b.item() - 5.45) < 0.01, b.item()  # "about 5.45"
assert abs(pred_7 - 29.1) < 0.05, pred_7  # "29.1 minutes"

# --8<-- [start:least_squares]
# The best line also has a closed-form answer: least squares.
# Each row of A is (distance, 1), so A @ [w, b] gives the predictions.
A = torch.cat([X, torch.ones_like(X)], dim=1).cpu()
best = torch.linalg.lstsq(A, y.cpu()).solution  # shape (2, 1)
w_best, b_best = best[0, 0].item(), best[1, 0].item()
print(f"least squares: w = {w_best:.3f}, b = {b_best:.3f}")
print(f"gradient descent: w = {w.item():.3f}, b = {b.item():.3f}")
# --8<-- [end:least_squares]

assert abs(w.item() - w_best) < 0.005 and abs(b.item() - b_best) < 0.01

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
