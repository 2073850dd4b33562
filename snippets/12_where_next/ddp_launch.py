"""Launch ddp_train.py on two CPU processes with torchrun, and show the ranks.

``torchrun`` (also reachable as ``python -m torch.distributed.run``) starts
one Python process per rank, gives each one its RANK, WORLD_SIZE and the
address of a meeting point, and waits for all of them. ``--standalone``
keeps everything on this machine: the ranks meet on localhost.
"""

import os
import subprocess
import sys
from pathlib import Path

# ddp_train.py sits next to this file. Thanks to its __main__ guard,
# importing it only defines its functions: nothing trains in this process.
import ddp_train

script = Path(ddp_train.__file__).resolve()
command = [
    sys.executable,
    "-m",
    "torch.distributed.run",  # the same program as the torchrun command
    "--standalone",
    "--nproc-per-node=2",
    str(script),
]
env = {**os.environ, "OMP_NUM_THREADS": "1"}  # one thread per rank
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

# The ranks run side by side, so their lines arrive in any order: sort them.
lines = sorted(
    line for line in done.stdout.splitlines() if line.startswith("rank")
)
for line in lines:
    print(line)
assert len(lines) == 3, done.stdout  # two loss lines and rank 0's check
assert lines[0].startswith("rank 0 of 2"), lines
assert lines[2].startswith("rank 1 of 2"), lines
