"""Contrast traditional programming with machine learning on one small task.

Traditional programming: a person writes the rule (Celsius to Fahrenheit)
and the computer applies it to data to produce answers. Machine learning:
we hand the computer data *and* answers (noisy thermometer readings) and a
fitting routine recovers the rule. Both rules then answer a new question.
"""

# --8<-- [start:both]
import numpy as np

rng = np.random.default_rng(0)


# Traditional programming: rules + data -> answers.
def to_fahrenheit(celsius):
    return 1.8 * celsius + 32.0  # a rule a person wrote down


data = np.array([-10.0, 0.0, 15.0, 30.0])
print("Answers from the hand-written rule:", to_fahrenheit(data))

# Machine learning: data + answers -> rules.
# Pretend we measured 20 temperatures on both scales, with a little noise.
X = rng.uniform(-20.0, 40.0, size=20)
y = 1.8 * X + 32.0 + rng.normal(0.0, 1.0, size=20)  # the answers

# Fit a straight line y = w * x + b to the examples (least squares).
w, b = np.polyfit(X, y, deg=1)
print(f"Learned rule: F = {w:.2f} * C + {b:.2f}")
print(f"Learned rule at 100 C: {w * 100 + b:.1f} F")
# --8<-- [end:both]

# The learned slope is close to 1.8 and the intercept to 32.
assert abs(w - 1.8) < 0.05, w
assert abs(b - 32.0) < 1.0, b
assert abs((w * 100 + b) - 212.0) < 2.0
