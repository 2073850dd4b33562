"""What changes to run ddp_train.py on GPUs: a diff of the two scripts.

difflib, from Python's standard library, compares the code of ddp_train.py
with that of ddp_train_gpu.py (below their docstrings) line by line and
prints the changes in the unified format: a line starting with - goes, a
line starting with + comes, and one unchanged line on each side of a change
shows where it is; ... separates the changes.
"""

import difflib
from pathlib import Path

here = Path(__file__).parent


def code_lines(name):
    """The lines of a script from its first import on."""
    lines = (here / name).read_text(encoding="utf-8").splitlines()
    return lines[lines.index("import os") :]


cpu, gpu = code_lines("ddp_train.py"), code_lines("ddp_train_gpu.py")
diff = difflib.unified_diff(
    cpu, gpu, "ddp_train.py", "ddp_train_gpu.py", n=1, lineterm=""
)
for line in diff:
    print("..." if line.startswith("@@") else line)
