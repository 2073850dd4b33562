"""Solution to exercise 3: an image from NumPy to a model-ready tensor.

Image libraries usually hand you a uint8 array laid out as height x width x
colour (H, W, C). PyTorch's image layers expect float tensors shaped
(batch, C, H, W). We convert, reorder the axes, add the batch axis, check one
pixel and then flatten the image into one long vector.
"""

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

# The pixel at row 10, column 20, channel 2 must be the same number
pixel = batch[0, 2, 10, 20].item()
print(f"pixel in NumPy: {image[10, 20, 2]}, in torch: {pixel:.4f}")
assert abs(pixel - image[10, 20, 2] / 255) < 1e-6
assert batch.shape == (1, 3, 224, 224)
assert flat.shape[1] == 224 * 224 * 3 == 150_528
