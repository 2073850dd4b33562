"""Build-time execution of tutorial snippets for MkDocs.

Each snippet a page includes runs once per change in an isolated child process;
its output and figures are cached by content and placed on the page under the
code that produced them.
"""

__version__ = "0.4.1"
