"""Pay, once in the warm parent, the first-call costs every child pays.

The forkserver imports this module after ``snippet_exec.child``
(``executor.PRELOAD``) when it will serve more snippets than there are
cores, or a server; a build that runs one or two snippets leaves it out,
since each child then pays only the first calls it makes itself. Importing torch is not all a
snippet's first lines cost: the first optimizer step imports
``torch._dynamo`` (seconds), the first figure loads fonts and builds
matplotlib's caches, the first SVG save sets up its writer, and most
snippets import scikit-learn's data sets. Done here, a forked child
inherits all of it and starts at the snippet's first line with it warm,
as a notebook kernel's second cell does.

Nothing a snippet can see changes: the warm-up runs on one thread (so
no OpenMP pool exists to be broken by ``fork``; each child sets its own
count), torch's default random state is put back as it was (an unseeded
``torch.randn`` gives what ``python file.py`` gives), no figure is left
open, and matplotlib's settings are restored. A failure here only
leaves the children cold; it never stops the forkserver.
"""

from __future__ import annotations

import contextlib
import importlib
import io

# Imported by the preload for the snippets' sake, when installed.
OPTIONAL_MODULES = ("sklearn.datasets", "sklearn.model_selection")


def _torch_first_calls() -> None:
    import torch

    model = torch.nn.Sequential(
        torch.nn.Linear(8, 16), torch.nn.ReLU(), torch.nn.Linear(16, 1)
    )
    for optimizer in (
        torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9),
        torch.optim.Adam(model.parameters(), lr=0.1),
    ):
        loss = torch.nn.functional.mse_loss(
            model(torch.ones(4, 8)), torch.zeros(4, 1)
        )
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    conv = torch.nn.Conv2d(1, 2, 3)
    conv(torch.ones(1, 1, 6, 6)).sum().backward()
    torch.nn.functional.cross_entropy(torch.ones(2, 3), torch.tensor([0, 1]))


def _matplotlib_first_calls() -> None:
    import matplotlib as mpl
    import matplotlib.pyplot as plt

    with mpl.rc_context():
        fig, ax = plt.subplots()
        ax.plot([0, 1, 2], [0, 1, 4], "o-", label="$x^2$")
        ax.imshow([[0, 1], [1, 0]], extent=(0, 1, 0, 1))
        ax.set_title("warm-up")
        ax.set_xlabel("x")
        ax.legend()
        fig.savefig(io.StringIO(), format="svg", bbox_inches="tight")
        plt.close("all")


def warm_up() -> None:
    """Run each first call once; see the module docstring."""
    import torch

    state = torch.random.get_rng_state()
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        for module in OPTIONAL_MODULES:
            with contextlib.suppress(ImportError):
                importlib.import_module(module)
        with contextlib.suppress(Exception):
            _torch_first_calls()
        with contextlib.suppress(Exception):
            _matplotlib_first_calls()
    finally:
        torch.random.set_rng_state(state)
        torch.set_num_threads(threads)


warm_up()  # at import: this module is the forkserver's preload
