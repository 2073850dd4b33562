// What Material and nbconvert leave out for screen readers and keyboards
// (axe-core rules aria-dialog-name, landmark-unique and
// scrollable-region-focusable); tests/test_browser.py checks every page.
function nameAndUnlist() {
  const search = document.querySelector(".md-search[role=dialog]");
  if (search && !search.hasAttribute("aria-label")) {
    search.setAttribute("aria-label", "Search");
  }
  // A code block's copy button is not a navigation landmark of the page.
  for (const nav of document.querySelectorAll(".md-code__nav:not([role])")) {
    nav.setAttribute("role", "none");
  }
}

// Notebook code cells and wide equations may scroll sideways; those that
// do take keyboard focus, so that a keyboard can scroll them too.
function focusScrollable() {
  for (const box of document.querySelectorAll(".highlight-ipynb, .math-block")) {
    if (box.scrollWidth > box.clientWidth) {
      box.tabIndex = 0;
    } else {
      box.removeAttribute("tabindex");
    }
  }
}

nameAndUnlist();
new MutationObserver(nameAndUnlist).observe(document.body, {
  childList: true,
  subtree: true,
});
window.addEventListener("load", focusScrollable);
window.addEventListener("resize", focusScrollable);
