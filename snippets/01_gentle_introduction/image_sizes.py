"""Count the numbers inside a colour image, the raw material of vision.

A colour image is a grid of pixels, and each pixel holds three numbers
(red, green and blue intensities). We build empty image tensors of two
common sizes, count their numbers with ``numel()``, and work out how much
memory a thousand such images take as 32-bit floats (4 bytes each).
"""

# --8<-- [start:count]
import torch

# torch.zeros(shape) makes an array of zeros with that shape; PyTorch
# calls its arrays tensors. Images are (channels, height, width).
small = torch.zeros(3, 224, 224)  # a typical input for image classifiers
full_hd = torch.zeros(3, 1080, 1920)  # one frame of 1080p video

for name, image in [("224 x 224", small), ("1080p", full_hd)]:
    pixels = image.shape[1] * image.shape[2]
    numbers = image.numel()  # numel(): how many numbers the tensor holds
    print(f"{name:>9}: {pixels:>9,} pixels, {numbers:>9,} numbers")

# A modest data set of 1,000 small images, stored as float32 numbers
# of 4 bytes each: element_size() is the bytes per number.
num_images = 1_000
total_bytes = num_images * small.numel() * small.element_size()
print(f"1,000 images of 224 x 224: {total_bytes / 1e6:,.0f} MB as float32")
# --8<-- [end:count]

assert small.shape[1] * small.shape[2] == 50_176
assert small.numel() == 224 * 224 * 3 == 150_528
assert full_hd.shape[1] * full_hd.shape[2] == 2_073_600
assert full_hd.numel() == 6_220_800
assert small.element_size() == 4
assert round(total_bytes / 1e6) == 602  # about 600 MB
