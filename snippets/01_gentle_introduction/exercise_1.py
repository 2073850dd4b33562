"""Solution to exercise 1: the size of a batch of colour images.

A batch of 32 RGB images at 224 x 224 pixels is one tensor of shape
(32, 3, 224, 224). We count its numbers and its memory in two number
formats: 32-bit floats (4 bytes each) and 16-bit floats (2 bytes each).
"""

# --8<-- [start:solution]
import torch

batch = torch.zeros(32, 3, 224, 224)  # float32 by default
count = batch.numel()
mb_32 = count * batch.element_size() / 1e6
mb_16 = count * batch.half().element_size() / 1e6

print(f"numbers in the batch: {count:,}")
print(f"memory as float32: {mb_32:.1f} MB")
print(f"memory as float16: {mb_16:.1f} MB")
# --8<-- [end:solution]

assert count == 32 * 150_528 == 4_816_896
assert abs(mb_32 - 19.3) < 0.05
assert abs(mb_16 - 9.6) < 0.05
