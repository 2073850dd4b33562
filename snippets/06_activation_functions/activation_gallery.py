"""Nine activation functions and their derivatives, side by side.

Each activation is a small function of one number, applied to every element
of a tensor. We evaluate nine of them on a grid of inputs and let autograd
compute each derivative, then draw one panel per function: the function as
a solid line and its derivative dashed. The step function is the odd one
out: autograd cannot follow it at all, and its slope is zero wherever it is
defined.
"""

# --8<-- [start:functions]
import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def step(x):
    """1 where x > 0, else 0: the perceptron's all-or-nothing output."""
    return (x > 0).float()


activations = {
    "step": step,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "ReLU": nn.ReLU(),
    "Leaky ReLU (slope 0.1)": nn.LeakyReLU(negative_slope=0.1),
    "ELU": nn.ELU(),  # alpha = 1
    "Softplus": nn.Softplus(),
    "GELU": nn.GELU(),
    "SiLU (Swish)": F.silu,  # the functional form, from torch.nn.functional
}
# --8<-- [end:functions]


# --8<-- [start:derivatives]
def derivative(fn, x):
    """dy/dx of an element-wise function at every point of x, by autograd."""
    x = x.clone().requires_grad_(True)
    y = fn(x)
    if not y.requires_grad:  # the comparison in step() cut the graph
        return torch.zeros_like(x)
    # Each y_i depends only on x_i, so the gradient of sum(y) is dy_i/dx_i.
    (dy_dx,) = torch.autograd.grad(y.sum(), x)
    return dy_dx


x = torch.arange(-500, 501, device=device) / 100  # -5.00 to 5.00, with 0
x_probe = x.clone().requires_grad_(True)
print("does autograd track step()?", step(x_probe).requires_grad)

points = torch.tensor([-3.0, -1.0, 1.0, 3.0], device=device)
print(f"{'derivative at x =':>23}" + "".join(f"{p:7.1f}" for p in points))
slopes = {}
for name, fn in activations.items():
    slopes[name] = derivative(fn, x)
    row = derivative(fn, points).tolist()
    print(f"{name:>23}" + "".join(f"{d:7.3f}" for d in row))

max_sigmoid_slope = slopes["sigmoid"].max().item()
max_tanh_slope = slopes["tanh"].max().item()
print(f"largest slope of sigmoid: {max_sigmoid_slope:.4f}")
print(f"largest slope of tanh:    {max_tanh_slope:.4f}")
# --8<-- [end:derivatives]

# --8<-- [start:plot]
fig, axes = plt.subplots(3, 3, figsize=(9, 7.5), sharex=True, sharey=True)
x_cpu = x.cpu()
for ax, (name, fn) in zip(axes.flat, activations.items(), strict=True):
    ax.plot(x_cpu, fn(x).cpu(), label="f(x)")
    ax.plot(x_cpu, slopes[name].cpu(), "--", label="f'(x)")
    ax.axhline(0, color="grey", linewidth=0.5)
    ax.set_title(name)
    ax.set_ylim(-1.2, 1.6)
    ax.grid(alpha=0.3)
for ax in axes[-1]:
    ax.set_xlabel("input x")
for ax in axes[:, 0]:
    ax.set_ylabel("f(x) and f'(x)")
axes[0, 0].legend(loc="upper left")
fig.suptitle("Activation functions (solid) and their derivatives (dashed)")
fig.tight_layout()
plt.show()
# --8<-- [end:plot]

# Facts about the slopes and shapes, as the chapter states them.
assert abs(max_sigmoid_slope - 0.25) < 1e-6, max_sigmoid_slope
assert abs(max_tanh_slope - 1.0) < 1e-6, max_tanh_slope
assert slopes["step"].abs().max().item() == 0.0
relu_slopes = set(slopes["ReLU"].unique().tolist())
assert relu_slopes == {0.0, 1.0}, relu_slopes
assert x[500].item() == 0.0 and slopes["ReLU"][500].item() == 0.0
leaky = derivative(activations["Leaky ReLU (slope 0.1)"], points).tolist()
assert [round(d, 3) for d in leaky] == [0.1, 0.1, 1.0, 1.0], leaky
sigmoid_at_3 = derivative(torch.sigmoid, points)[3].item()
assert abs(sigmoid_at_3 - 0.045) < 1e-3, sigmoid_at_3  # "already 0.045"
tanh_at_3 = derivative(torch.tanh, points)[3].item()
assert abs(tanh_at_3 - 0.01) < 1e-3, tanh_at_3  # "about 0.01"
gelu_values = activations["GELU"](x)
gelu_lowest = gelu_values.min().item()
assert abs(gelu_lowest - (-0.17)) < 0.005, gelu_lowest  # "about -0.17"
gelu_argmin = x[gelu_values.argmin()].item()
assert abs(gelu_argmin - (-0.75)) < 0.02, gelu_argmin  # "near x = -0.75"
gelu_at_1 = derivative(activations["GELU"], points)[2].item()
assert abs(gelu_at_1 - 1.083) < 1e-3, gelu_at_1  # "1.083 at x = 1"
silu_values = activations["SiLU (Swish)"](x)
silu_lowest = silu_values.min().item()
assert abs(silu_lowest - (-0.28)) < 0.005, silu_lowest  # "about -0.28"
silu_argmin = x[silu_values.argmin()].item()
assert abs(silu_argmin - (-1.28)) < 0.02, silu_argmin  # "near x = -1.28"
# Softplus's slope is the sigmoid itself; ELU levels off towards -1.
torch.testing.assert_close(slopes["Softplus"], torch.sigmoid(x))
elu_at_minus_5 = activations["ELU"](x)[0].item()
assert abs(elu_at_minus_5 - (-0.993)) < 1e-3, elu_at_minus_5
