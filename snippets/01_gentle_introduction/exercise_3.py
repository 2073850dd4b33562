"""Solution to exercise 3: counting and timing the work of one layer.

Multiplying an (n x k) matrix by a (k x m) matrix takes n * m dot products
of length k, each with k multiplications and k additions: about 2 * n * k * m
operations. For a batch of 64 inputs with 784 features each passing through
a layer with 128 outputs, n = 64, k = 784 and m = 128. We count the work,
then time it on this machine (the time varies from machine to machine).
"""

# nondeterministic: prints a timing measured on the machine that runs it
# shard: alone
# --8<-- [start:solution]
import time

import torch

torch.manual_seed(0)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

n, k, m = 64, 784, 128
flops = 2 * n * k * m
print(f"operations for one batch: {flops:,}")

# Random numbers drawn on the CPU, then moved to the device
X = torch.randn(n, k).to(device)  # 64 inputs, 784 numbers each
W = torch.randn(k, m).to(device)  # one column of weights per output
X @ W  # warm-up run

best = float("inf")
for _ in range(10):
    if device.type == "cuda":
        torch.cuda.synchronize()  # wait for earlier GPU work
    start = time.perf_counter()
    X @ W
    if device.type == "cuda":
        torch.cuda.synchronize()  # GPU calls return before they finish
    best = min(best, time.perf_counter() - start)

print(
    f"best of 10 runs: {best * 1e3:.3f} ms ({flops / best / 1e9:.1f} GFLOP/s)"
)
# --8<-- [end:solution]

assert flops == 12_845_056
