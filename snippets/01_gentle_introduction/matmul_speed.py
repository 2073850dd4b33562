"""Time matrix multiplication at several sizes on this machine.

Multiplying two n-by-n matrices takes about 2 * n**3 floating-point
operations (one multiply and one add per term of each dot product).
We time the product on the CPU, and also on a GPU when PyTorch can see
one, then print milliseconds and GFLOP/s (billions of operations per
second) and plot the time against the size. The numbers describe
the machine that runs the script, so they change from run to run.
"""

# nondeterministic: prints timings measured on the machine that runs it
import time

import matplotlib.pyplot as plt
import torch

torch.manual_seed(0)

sizes = [64, 128, 256, 512, 1024]


def time_matmul(n, device, budget=0.2):
    """Return the best time in seconds for one n-by-n matrix product."""
    A = torch.randn(n, n).to(device)  # drawn on the CPU, then moved
    B = torch.randn(n, n).to(device)
    A @ B  # warm-up run: the first call pays one-off start-up costs
    # Repeat for about `budget` seconds (at least 3 times, at most 200)
    # and keep the fastest run: it is the one least disturbed by other
    # programs on the machine.
    times = []
    stop = time.perf_counter() + budget
    while len(times) < 3 or (time.perf_counter() < stop and len(times) < 200):
        if device.type == "cuda":
            torch.cuda.synchronize()  # wait until earlier GPU work is done
        start = time.perf_counter()
        A @ B
        if device.type == "cuda":
            torch.cuda.synchronize()  # GPU calls return before they finish
        times.append(time.perf_counter() - start)
    return min(times)


devices = [torch.device("cpu")]
if torch.cuda.is_available():
    devices.append(torch.device("cuda"))

results = {}  # device name -> list of milliseconds, one per size
for device in devices:
    print(f"Device: {device.type}")
    print(f"{'size':>6} {'ms':>9} {'GFLOP/s':>9}")
    results[device.type] = []
    for n in sizes:
        seconds = time_matmul(n, device)
        gflops = 2 * n**3 / seconds / 1e9
        results[device.type].append(seconds * 1e3)
        print(f"{n:>6} {seconds * 1e3:>9.3f} {gflops:>9.1f}")
    print()

styles = {"cpu": "o-", "cuda": "s--"}  # lines differ in more than colour
fig, ax = plt.subplots(figsize=(6, 4))
for name, millis in results.items():
    ax.plot(sizes, millis, styles[name], label=name.upper())
# Log scales on both axes: each doubling of n is one step to the right.
ax.set_xscale("log", base=2)
ax.set_yscale("log")
ax.set_xticks(sizes, [str(n) for n in sizes])
ax.set_xlabel("Matrix size n (n-by-n times n-by-n)")
ax.set_ylabel("Time for one product (ms, log scale)")
ax.set_title("Matrix multiplication time on the build machine")
ax.legend()
plt.show()
