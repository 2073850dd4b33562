"""The build benchmark behind ``make bench``: one module per job.

``workspace`` makes the temporary copy, ``rows`` times the builds (with
``notebooks`` for mkdocs-jupyter's row, ``memory`` for peak memory and
``load`` for the machine's load during each run), ``stats`` turns the
times into targets and ``report`` writes the Markdown; ``bench.py`` is
the command.
"""
