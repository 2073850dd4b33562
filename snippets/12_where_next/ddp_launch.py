"""Start ddp_train.py as one rank and as two ranks, and compare the weights.

``torchrun`` (also reachable as ``python -m torch.distributed.run``) starts
one Python process per rank, gives each its RANK, WORLD_SIZE and the
address of a meeting point, and waits for all of them. ``--standalone``
keeps everything on this machine: the ranks meet on localhost. The same
script started with plain ``python`` forms a group of one. Both runs must
end with the same weights.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

# ddp_train.py sits next to this file. Thanks to its __main__ guard,
# importing it only defines its functions: nothing trains in this process.
import ddp_train

script = str(Path(ddp_train.__file__).resolve())
env = {**os.environ, "OMP_NUM_THREADS": "1"}  # one thread per rank


def run(command):
    """Run a command; return the lines the ranks printed, sorted."""
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
            env=env,
        )
    except subprocess.CalledProcessError as error:
        print(error.stderr)  # what the ranks said before they failed
        raise
    # The ranks run side by side, so their lines come in any order: sort
    return sorted(
        line for line in done.stdout.splitlines() if line.startswith("rank")
    )


def final_weights(lines):
    """w and b from rank 0's last line."""
    w, b = re.search(r"w=(\S+) b=(\S+)", lines[-1]).groups()
    return float(w), float(b)


# --8<-- [start:launch]
one_rank = run([sys.executable, script])
two_ranks = run(
    [
        sys.executable,
        "-m",
        "torch.distributed.run",  # that is, torchrun
        "--standalone",
        "--nproc-per-node=2",
        script,
    ]
)
for line in two_ranks:
    print(line)
w_1, b_1 = final_weights(one_rank)
w_2, b_2 = final_weights([two_ranks[1]])  # rank 0's check line
print(f"one rank:  w={w_1:.6f} b={b_1:.6f}")
print(f"two ranks: w={w_2:.6f} b={b_2:.6f}")
# --8<-- [end:launch]
assert len(two_ranks) == 3, two_ranks  # two loss lines and rank 0's check
assert two_ranks[0].startswith("rank 0 of 2"), two_ranks
assert two_ranks[2].startswith("rank 1 of 2"), two_ranks
# One rank and two ranks take the same steps: the same weights
assert abs(w_1 - w_2) < 1e-5 and abs(b_1 - b_2) < 1e-5, (w_1, w_2, b_1, b_2)
# Both land on the line the data came from, w = 2 and b = 1
assert abs(w_1 - 2) < 0.01 and abs(b_1 - 1) < 0.01, (w_1, b_1)
