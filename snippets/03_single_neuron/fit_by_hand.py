"""A single neuron learns w and b by gradient descent, written out by hand.

The neuron is y_hat = w * x + b with two numbers to learn. Starting from
random values, each round predicts every delivery time, measures the mean
squared error, lets autograd find which way w and b should move, and
takes a small step that way. One round is shown in detail, then the loop
repeats it; least squares checks the answer, and the figure shows the
error falling and the path (w, b) took across the loss surface.
"""

# --8<-- [start:setup]
import matplotlib.pyplot as plt
import torch

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

# The same 16 deliveries as in delivery_data.py (same seed, same code)
num_new = 14
new_miles = torch.round((torch.rand(num_new, 1) * 9 + 1) * 10) / 10
new_minutes = 3.4 * new_miles + 5.2 + torch.randn(num_new, 1) * 1.5
X = torch.cat([torch.tensor([[5.0], [6.0]]), new_miles]).to(device)
y = torch.cat([torch.tensor([[22.2], [25.6]]), new_minutes]).to(device)
# --8<-- [end:setup]

# --8<-- [start:random_start]
# Drawn on the CPU, then moved, so every device starts from the same values
w = torch.randn(1).to(device).requires_grad_()
b = torch.randn(1).to(device).requires_grad_()
start = (w.item(), b.item())
print(f"start: w = {start[0]:.3f}, b = {start[1]:.3f}")
# --8<-- [end:random_start]

# --8<-- [start:one_step]
lr = 0.02  # the learning rate: how big a step to take

y_hat = w * X + b  # predict all 16 times at once
loss = ((y_hat - y) ** 2).mean()  # measure: the mean squared error
print(f"loss at the start: {loss.item():.1f}")

loss.backward()  # find the direction: autograd fills w.grad and b.grad
print(f"dL/dw = {w.grad.item():.1f},  dL/db = {b.grad.item():.1f}")

# The same two numbers from the gradient formulas
error = (y_hat - y).detach()
dw = (2 * error * X).mean(dim=0)  # average over the 16 deliveries
db = (2 * error).mean(dim=0)
print(f"formula: dL/dw = {dw.item():.1f},  dL/db = {db.item():.1f}")
torch.testing.assert_close(w.grad, dw)
torch.testing.assert_close(b.grad, db)

with torch.no_grad():  # step: a small move against the gradient
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

# --8<-- [start:train_loop]
num_epochs = 2000
losses = [loss.item()]  # the loss at the random start
path = [start]  # (w, b) at the random start
for epoch in range(num_epochs):
    y_hat = w * X + b  # predict
    loss = ((y_hat - y) ** 2).mean()  # measure the error
    if epoch in (0, 3, 100, 400, 1000) or epoch == num_epochs - 1:
        print(  # w and b, and the loss they give, before this step
            f"epoch {epoch:4d}: w = {w.item():.3f}   b = {b.item():.3f}"
            f"   loss {loss.item():7.3f}"
        )
    losses.append(loss.item())
    path.append((w.item(), b.item()))
    loss.backward()  # find the direction
    with torch.no_grad():  # take a small step
        w -= lr * w.grad
        b -= lr * b.grad
    w.grad.zero_()  # clear
    b.grad.zero_()
# --8<-- [end:train_loop]

# --8<-- [start:result]
with torch.no_grad():
    final_loss = ((w * X + b - y) ** 2).mean().item()
    pred_7 = (w * 7.0 + b).item()
print(f"learned: w = {w.item():.2f} minutes per mile, b = {b.item():.2f}")
print(f"loss: {final_loss:.2f}")
print(f"prediction for 7 miles: {pred_7:.1f} minutes")
# --8<-- [end:result]

# --8<-- [start:least_squares]
# The best line also has a closed-form answer: least squares.
# Each row of A is (distance, 1), so A @ [w, b] gives the predictions.
A = torch.cat([X, torch.ones_like(X)], dim=1).cpu()
best = torch.linalg.lstsq(A, y.cpu()).solution  # shape (2, 1)
w_best, b_best = best[0, 0].item(), best[1, 0].item()
print(f"least squares: w = {w_best:.3f}, b = {b_best:.3f}")
print(f"gradient descent: w = {w.item():.3f}, b = {b.item():.3f}")
# --8<-- [end:least_squares]

# --8<-- [start:loss_curve]
fig, (ax_loss, ax_path) = plt.subplots(1, 2, figsize=(9, 4))

# Left: the loss after k steps, from k = 0 (the random start). The x axis
# is linear up to 10 and logarithmic beyond ("symlog"), so the first few
# steps get room too.
ax_loss.plot(range(len(losses)), losses, color="tab:blue")
ax_loss.set_xscale("symlog", linthresh=10)
ax_loss.set_yscale("log")
ax_loss.set_yticks([1, 10, 100, 1000], labels=["1", "10", "100", "1000"])
ax_loss.minorticks_off()
ax_loss.set_xlabel("steps taken (linear up to 10, then log)")
ax_loss.set_ylabel("mean squared error (log scale)")
ax_loss.set_title("The error during training")

# Right: the loss as a landscape over (w, b), with the path taken.
ws = torch.linspace(-1.0, 6.0, 141)
bs = torch.linspace(-1.5, 7.0, 171)
W, B = torch.meshgrid(ws, bs, indexing="xy")
X_cpu, y_cpu = X.cpu()[:, 0], y.cpu()[:, 0]
with torch.no_grad():  # loss for every (w, b) on the grid at once
    grid = ((W[..., None] * X_cpu + B[..., None] - y_cpu) ** 2).mean(-1)
levels = [2, 5, 20, 60, 200, 600]
contours = ax_path.contour(W, B, grid, levels=levels, colors="gray")
ax_path.clabel(contours, fontsize=8)
ws_path, bs_path = zip(*path)
ax_path.plot(ws_path, bs_path, "-", color="tab:orange", linewidth=2)
ax_path.plot(ws_path[:5], bs_path[:5], "o", color="tab:orange")
arrow = {"arrowstyle": "->"}
for k, text, where in [
    (0, "start", (0.2, 2.0)),
    (1, "1 step", (4.6, 2.2)),
    (4, "4 steps", (4.4, -1.2)),
]:
    ax_path.annotate(text, path[k], xytext=where, arrowprops=arrow)
ax_path.plot(w_best, b_best, "k*", markersize=12)
ax_path.annotate(
    "lowest loss", (w_best, b_best), xytext=(0.4, 6.2), arrowprops=arrow
)
ax_path.set_xlabel("weight w (minutes per mile)")
ax_path.set_ylabel("bias b (minutes)")
ax_path.set_title("The path of (w, b) across the loss")
fig.tight_layout()
plt.show()
# --8<-- [end:loss_curve]

# Checks of the numbers the chapter states. losses[k] and path[k] hold
# the loss and (w, b) after k steps.
assert abs(dw.item() + 258.8) < 0.1 and abs(db.item() + 46.6) < 0.1
assert dw / db > 5  # "more than five times"
assert abs(losses[0] - 603) < 1, losses[0]  # "about 603"
assert abs(losses[1] - 20.3) < 0.1, losses[1]  # "about 20"
assert abs(path[1][0] - 4.96) < 0.01, path[1]  # "about 5"
assert abs(losses[4] - 5.3) < 0.1, losses[4]  # "about 5 after four steps"
assert abs(path[4][0] - 4.24) < 0.01 and abs(path[4][1] - 0.47) < 0.01
middle = X.mean().item()  # "about the right height ... around 5 miles"
assert abs(middle - 4.85) < 1e-4
assert abs(path[4][0] * middle + path[4][1] - y.mean().item()) < 1
assert abs(final_loss - 1.22) < 0.01, final_loss  # "about 1.22"
assert abs(w.item() - 3.38) < 0.01, w.item()  # "about 3.38"
assert abs(b.item() - 5.45) < 0.01, b.item()  # "about 5.45"
assert abs(pred_7 - 29.1) < 0.05, pred_7  # "29.1 minutes"
assert abs(w.item() - w_best) < 0.005 and abs(b.item() - b_best) < 0.01
assert w.grad.item() == 0.0 and b.grad.item() == 0.0

# The loss valley: the curvatures of L over (w, b) are the eigenvalues
# of its Hessian, 2/n * A^T A with rows (x, 1). Gradient descent diverges
# once lr > 2 / the largest, and along the smallest each step covers
# lr * curvature of the remaining way.


def curvatures(x):
    """Curvatures of the mean squared error over (w, b), smallest first."""
    rows = torch.cat([x, torch.ones_like(x)], dim=1).double()
    return torch.linalg.eigvalsh(2 / len(x) * rows.T @ rows)


flat, steep = curvatures(X.cpu())
assert abs(2 / steep - 0.035) < 0.001, 2 / steep  # "above about 0.035"
assert abs(steep / flat - 180) < 10, steep / flat  # "about 180 times"
assert lr * flat < 0.01  # "less than 1% of the remaining way"
centred = X.cpu() - X.cpu().mean()
flat_c, steep_c = curvatures(centred)
assert steep_c / flat_c < 5  # centring: far rounder, and uncoupled
rows = torch.cat([centred, torch.ones_like(centred)], dim=1)
assert abs((rows.T @ rows)[0, 1]) < 1e-4
flat_s, steep_s = curvatures(centred / centred.std())
assert steep_s / flat_s < 1.1  # standardised: "almost round"
