"""Time one matrix product at sizes from 64 to 1024 on one CPU core.

Multiplying two n-by-n matrices takes about 2 * n**3 floating-point
operations (one multiply and one add per term of each dot product), so
each doubling of n should cost about eight times more time. The script
times the product with PyTorch's own benchmark timer, prints each time,
its speed in GFLOP/s and its ratio to the size before, and plots the
times beside a line that grows exactly as n**3.
"""

# nondeterministic: prints timings measured on the machine that runs it
# shard: alone
# --8<-- [start:timing]
import matplotlib.pyplot as plt
import torch
from torch.utils.benchmark import Timer

torch.manual_seed(0)
sizes = [64, 128, 256, 512, 1024]


def time_matmul(n):
    """Seconds for one n-by-n matrix product on one CPU core."""
    A = torch.randn(n, n)
    B = torch.randn(n, n)
    # Timer warms up, then runs A @ B in blocks for at least half a second
    # (num_threads=1: one core, so the result does not depend on how many
    # cores the machine has free).
    timer = Timer("A @ B", globals={"A": A, "B": B}, num_threads=1)
    measurement = timer.blocked_autorange(min_run_time=0.5)
    # The fastest block is the one least disturbed by other programs.
    return min(measurement.times)


millis = []
print(f"{'size':>6} {'ms':>9} {'GFLOP/s':>8} {'x previous':>11}")
for n in sizes:
    seconds = time_matmul(n)
    gflops = 2 * n**3 / seconds / 1e9
    ratio = f"{seconds * 1e3 / millis[-1]:.1f}" if millis else "-"
    millis.append(seconds * 1e3)
    print(f"{n:>6} {millis[-1]:>9.3f} {gflops:>8.1f} {ratio:>11}")

# A reference that grows exactly as n**3, through the middle size
middle = len(sizes) // 2
reference = [millis[middle] * (n / sizes[middle]) ** 3 for n in sizes]

fig, ax = plt.subplots(figsize=(6, 4))
ax.plot(sizes, millis, "o-", label="measured, one CPU core")
ax.plot(sizes, reference, "k--", label="grows as n³ (×8 per doubling)")
# Log scales on both axes: each doubling of n is one step to the right,
# and n³ growth is a straight line.
ax.set_xscale("log", base=2)
ax.set_yscale("log")
ax.set_xticks(sizes, [str(n) for n in sizes])
ax.set_xlabel("Matrix size n (n-by-n times n-by-n)")
ax.set_ylabel("Time for one product (ms, log scale)")
ax.set_title("Matrix multiplication time on one CPU core")
ax.legend()
plt.show()
# --8<-- [end:timing]
