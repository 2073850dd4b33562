"""Solution to exercise 3: an image from NumPy to a model-ready tensor.

Image libraries usually hand you a uint8 array laid out as height x width x
colour (H, W, C). PyTorch's image layers expect float tensors shaped
(batch, C, H, W). We convert, reorder the axes, add the batch axis, flatten
the image into one long row and check that one pixel kept its value there.
"""

# --8<-- [start:solution]
import numpy as np
import torch

rng = np.random.default_rng(0)
image = rng.integers(0, 256, size=(224, 224, 3), dtype=np.uint8)

t = torch.from_numpy(image)  # (224, 224, 3), uint8, shares memory
t = t.permute(2, 0, 1)  # (3, 224, 224): channels first
t = t.float() / 255  # floats in [0, 1]; this makes a new tensor
batch = t.unsqueeze(0)  # (1, 3, 224, 224): a batch of one
flat = batch.reshape(1, -1)  # reshape, since permute broke contiguity

print("NumPy image:", image.shape, image.dtype)
print("batch:", tuple(batch.shape), batch.dtype)
print("flat: ", tuple(flat.shape))

# Row 10, column 20, channel 2. In (C, H, W) order, flattening puts it
# after 2 whole channels and 10 whole rows: index 2*224*224 + 10*224 + 20.
index = 2 * 224 * 224 + 10 * 224 + 20
pixel = flat[0, index].item()
print(f"pixel in NumPy: {image[10, 20, 2]}, in flat: {pixel:.4f}")
print(f"times 255: {pixel * 255:.1f}")
# --8<-- [end:solution]

assert abs(pixel * 255 - image[10, 20, 2]) < 1e-4
assert flat.shape == (1, 224 * 224 * 3) == (1, 150_528)
assert index == 102_612 and image[10, 20, 2] == 173
