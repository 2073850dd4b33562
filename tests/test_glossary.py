"""The glossary: first-use tooltips, and definitions that agree with the book.

The extension is tested through Python-Markdown with the site's own
configuration; each definition that states what a PyTorch tool does is
checked against PyTorch, the way the chapters' snippets check their prose.
"""

from __future__ import annotations

import markdown
import pytest
import torch
from torch import nn

from snippet_exec.glossary import parse_glossary, term_pattern
from tests.conftest import DOCS, ROOT

GLOSSARY = parse_glossary((ROOT / "includes" / "glossary.md").read_text())


def render(text: str) -> str:
    """``text`` as a page: the glossary appended, as on the site (page
    definitions come first, so the glossary's win)."""
    glossary = (ROOT / "includes" / "glossary.md").read_text()
    return markdown.markdown(
        text + "\n\n" + glossary, extensions=["snippet_exec.glossary"]
    )


def test_a_term_is_marked_at_its_first_use_only():
    page = render("## ReLU\n\nA ReLU here.\n\nA ReLU there, and `ReLU` too.")
    assert page.count("<abbr") == 1
    assert "<h2>ReLU</h2>" in page  # not in a heading
    assert f'<abbr title="{GLOSSARY["ReLU"]}">ReLU</abbr> here' in page


def test_a_term_is_never_marked_inside_a_longer_one():
    """A longer term wins, even across a line break: "gradient" keeps its
    definition out of "gradient boosting" (the case part 1 once had)."""
    page = render(
        "Random forests and gradient\nboosting. Then a gradient.\n\n"
        "*[gradient boosting]: Trees fit to the errors of earlier trees"
    )
    boosting = "Trees fit to the errors of earlier trees"
    assert f'<abbr title="{boosting}">gradient\nboosting</abbr>' in page
    assert f'<abbr title="{GLOSSARY["gradient"]}">gradient</abbr>.' in page


def test_every_term_is_used_in_some_page():
    """An entry no page uses is dead weight in every page's HTML."""
    prose = " ".join(p.read_text("utf-8") for p in DOCS.rglob("*.md"))
    unused = [t for t in GLOSSARY if not term_pattern([t]).search(prose)]
    assert not unused


def close(a: torch.Tensor, b: torch.Tensor) -> bool:
    return torch.allclose(a, b, atol=1e-6)


def relu_is_max_0_x() -> bool:
    x = torch.linspace(-3, 3, 13)
    return close(torch.relu(x), torch.maximum(x, torch.zeros_like(x)))


def mse_is_mean_squared_difference() -> bool:
    a, b = torch.tensor([1.0, 2.0, 5.0]), torch.tensor([1.5, 2.0, 3.0])
    return close(nn.MSELoss()(a, b), ((a - b) ** 2).mean())


def mae_is_mean_absolute_difference() -> bool:
    a, b = torch.tensor([1.0, 2.0, 5.0]), torch.tensor([1.5, 2.0, 3.0])
    return close(nn.L1Loss()(a, b), (a - b).abs().mean())


def bce_is_minus_log_of_the_right_answer_from_logits() -> bool:
    """Part 7: BCEWithLogitsLoss takes logits, BCELoss probabilities."""
    z, y = torch.tensor([2.0, -1.0, 0.5]), torch.tensor([1.0, 0.0, 0.0])
    p = torch.sigmoid(z)
    right = torch.where(y == 1, p, 1 - p)  # probability of the right answer
    want = -right.log().mean()
    return close(nn.BCEWithLogitsLoss()(z, y), want) and close(
        nn.BCELoss()(p, y), want
    )


def sgd_steps_with_whatever_gradients_it_is_given() -> bool:
    """Part 3 runs torch.optim.SGD on all 16 examples at once; Part 8:
    "torch.optim.SGD never sees a batch"."""
    torch.manual_seed(0)
    X, y = torch.randn(16, 1), torch.randn(16, 1)
    model = nn.Linear(1, 1)
    before = [p.detach().clone() for p in model.parameters()]
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    nn.MSELoss()(model(X), y).backward()  # the whole data set
    grads = [p.grad.clone() for p in model.parameters()]
    optimizer.step()
    return all(
        close(p, b - 0.1 * g)
        for p, b, g in zip(model.parameters(), before, grads, strict=True)
    )


def logits_become_probabilities() -> bool:
    z = torch.tensor([2.0, 1.0, 0.1, -1.0])
    probs = torch.softmax(z, dim=0)
    one = torch.sigmoid(z)
    return close(probs.sum(), torch.tensor(1.0)) and bool(
        ((one > 0) & (one < 1)).all()
    )


def gelu_is_smooth_relu_like() -> bool:
    """Part 6: GELU(x) = x Phi(x), near ReLU away from zero."""
    x = torch.linspace(-4, 4, 17)
    phi = 0.5 * (1 + torch.erf(x / 2**0.5))
    gelu = nn.GELU()(x)
    return close(gelu, x * phi) and abs(gelu[-1] - 4) < 1e-3


# term -> (words its definition must say, the check those words pass)
CLAIMS = {
    "ReLU": ("max(0, x)", relu_is_max_0_x),
    "MSE": (
        "average of the squared differences",
        mse_is_mean_squared_difference,
    ),
    "MAE": (
        "average of the absolute differences",
        mae_is_mean_absolute_difference,
    ),
    "BCE": (
        "nn.BCEWithLogitsLoss computes it from logits",
        bce_is_minus_log_of_the_right_answer_from_logits,
    ),
    "SGD": (
        "steps with whatever gradients it is given",
        sgd_steps_with_whatever_gradients_it_is_given,
    ),
    "logits": ("sigmoid or softmax", logits_become_probabilities),
    "GELU": ("smooth ReLU-like", gelu_is_smooth_relu_like),
}


@pytest.mark.parametrize("term", sorted(CLAIMS))
def test_definition_states_what_pytorch_does(term):
    words, check = CLAIMS[term]
    assert words in GLOSSARY[term], f"{term}: {GLOSSARY[term]!r}"
    assert check(), f"{term}: PyTorch disagrees with {words!r}"
