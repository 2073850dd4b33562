"""The delivery problem: two past deliveries, a guess, and more data.

Two deliveries from the company's records already hint at a straight
line: one extra mile cost 3.4 extra minutes. Drawing that line through
both points answers the 7-mile question by hand. Real records are noisy,
so the script then generates 14 more deliveries, seeded, that scatter
around the same trend, and plots all 16.
"""

# --8<-- [start:by_hand]
import matplotlib.pyplot as plt
import torch

torch.manual_seed(0)  # the same "random" deliveries on every run

# Two deliveries from the records: (miles, minutes)
history = [(5.0, 22.2), (6.0, 25.6)]
(x1, y1), (x2, y2) = history

slope = (y2 - y1) / (x2 - x1)  # extra minutes per extra mile
intercept = y1 - slope * x1  # minutes the line gives at 0 miles
guess_7 = slope * 7.0 + intercept

print(f"slope:     {slope:.1f} minutes per mile")
print(f"intercept: {intercept:.1f} minutes")
print(f"7 miles:   {guess_7:.1f} minutes")
# --8<-- [end:by_hand]

# --8<-- [start:more_data]
# More deliveries: the same trend plus random noise
num_new = 14
new_miles = torch.rand(num_new, 1) * 9 + 1  # between 1 and 10 miles
new_miles = torch.round(new_miles * 10) / 10  # one decimal, like a log
noise = torch.randn(num_new, 1) * 1.5  # traffic, lifts, parking...
new_minutes = 3.4 * new_miles + 5.2 + noise

# One row per delivery, one column for the input (distance)
X = torch.cat([torch.tensor([[5.0], [6.0]]), new_miles])
y = torch.cat([torch.tensor([[22.2], [25.6]]), new_minutes])
print("X shape:", tuple(X.shape), " y shape:", tuple(y.shape))
for i in range(5):  # the first five rows
    print(f"{X[i, 0].item():5.1f} miles -> {y[i, 0].item():5.1f} minutes")
print("...")
# --8<-- [end:more_data]

# --8<-- [start:plot]
fig, ax = plt.subplots(figsize=(6, 4))
ax.scatter(X[2:, 0], y[2:, 0], label="generated deliveries")
ax.scatter(
    X[:2, 0],
    y[:2, 0],
    color="tab:red",
    marker="s",
    s=60,
    label="the two deliveries in the table",
)
ax.set_xlabel("distance (miles)")
ax.set_ylabel("delivery time (minutes)")
ax.set_title("Sixteen past deliveries")
ax.legend()
fig.tight_layout()
plt.show()
# --8<-- [end:plot]

assert abs(slope - 3.4) < 1e-9 and abs(intercept - 5.2) < 1e-9
assert abs(guess_7 - 29.0) < 1e-9  # "29.0 minutes"

assert X.shape == (16, 1) and y.shape == (16, 1)
