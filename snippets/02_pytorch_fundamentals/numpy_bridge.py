"""The NumPy bridge: which conversions share memory and which copy.

``torch.from_numpy(array)`` and ``tensor.numpy()`` do not copy anything:
the tensor and the array are two views of one block of memory, so a change
through one shows up in the other. ``torch.tensor(array)`` makes a copy that
lives on its own. Sharing is fast; copying is safe.
"""

# --8<-- [start:bridge]
import numpy as np
import torch

# %% from_numpy shares memory with the array
array = np.array([1.0, 2.0, 3.0])
shared = torch.from_numpy(array)
print("dtype kept from NumPy:", shared.dtype)  # NumPy's default is float64
array[0] = 100.0  # change the array ...
print("tensor after changing the array:", shared)  # ... the tensor sees it

# %% .numpy() shares memory too, in the other direction
t = torch.zeros(3)
as_array = t.numpy()
t += 5  # in place; t = t + 5 would make a new tensor instead
print("array after changing the tensor:", as_array)

# %% torch.tensor copies: later changes do not travel
array = np.array([1.0, 2.0, 3.0])
copied = torch.tensor(array)
array[0] = 100.0
print("copy after changing the array:  ", copied)
# --8<-- [end:bridge]

assert shared[0].item() == 100.0 and shared.dtype == torch.float64
assert as_array.tolist() == [5.0, 5.0, 5.0]
assert copied[0].item() == 1.0
