"""Train one tiny model in several processes with DistributedDataParallel.

Every process (a "rank") builds the same model from the same seed, reads its
own share of a small generated data set through a DistributedSampler, and
after every backward pass DDP averages the gradients of all ranks, so every
copy of the model takes the same step. Start it with
``torchrun --standalone --nproc-per-node=2 ddp_train.py`` for two ranks; run
it alone with ``python ddp_train.py`` and it falls back to a single rank. It
uses the CPU and the "gloo" backend, and talks only to this machine.
"""

import os
import socket
import sys
import time

import torch
import torch.distributed as dist
from torch import nn
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler

GLOBAL_BATCH = 16  # examples per step, summed over all ranks
num_epochs = 10
lr = 0.5


def free_port():
    """Ask the operating system for a free TCP port on the loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def say(text):
    """Print a line in a single write, so two ranks' lines cannot mix."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def setup():
    """Join the process group; without torchrun, be a group of one."""
    if "RANK" not in os.environ:  # torchrun sets RANK, WORLD_SIZE, ...
        os.environ["MASTER_ADDR"] = "127.0.0.1"
        os.environ["MASTER_PORT"] = str(free_port())
        os.environ["RANK"] = "0"
        os.environ["WORLD_SIZE"] = "1"
    dist.init_process_group("gloo")
    return dist.get_rank(), dist.get_world_size()


def make_data():
    """64 noisy points on the line y = 2x + 1, the same on every rank."""
    generator = torch.Generator().manual_seed(0)
    X = 2 * torch.rand(64, 1, generator=generator) - 1  # between -1 and 1
    y = 2 * X + 1 + 0.1 * torch.randn(64, 1, generator=generator)
    return TensorDataset(X, y)


def train(rank, world_size):
    """Train a copy of the model on this rank; return its final weights."""
    torch.manual_seed(0)  # same seed on every rank: same starting weights
    dataset = make_data()  # every rank makes the same data set ...
    sampler = DistributedSampler(dataset, shuffle=True, seed=0)
    train_loader = DataLoader(  # ... but reads only its own share of it
        dataset, batch_size=GLOBAL_BATCH // world_size, sampler=sampler
    )
    model = DDP(nn.Linear(1, 1))
    loss_fn = nn.MSELoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)

    for epoch in range(num_epochs):
        sampler.set_epoch(epoch)  # a new shuffle each epoch, same on all
        for X, y in train_loader:
            optimizer.zero_grad()
            loss = loss_fn(model(X), y)
            loss.backward()  # DDP averages the gradients across ranks here
            optimizer.step()
    say(f"rank {rank} of {world_size}: last batch loss {loss.item():.4f}")
    return torch.cat([p.detach().flatten() for p in model.parameters()])


def main():
    rank, world_size = setup()
    params = train(rank, world_size)

    # Check that the copies agree: every rank gathers every rank's weights.
    gathered = [torch.zeros_like(params) for _ in range(world_size)]
    dist.all_gather(gathered, params)
    if rank == 0:
        for other in gathered[1:]:
            assert torch.equal(other, params), "ranks disagree"
        w, b = params.tolist()
        say(f"rank 0: all {world_size} rank(s) agree, w={w:.6f} b={b:.6f}")
    dist.destroy_process_group()
    # with gloo (the CPU backend), background threads may still be letting
    # go of tensors; a process that exits at once can abort on the way out
    time.sleep(0.2)


if __name__ == "__main__":
    main()
