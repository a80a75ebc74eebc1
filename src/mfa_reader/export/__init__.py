"""Taking articles out of the reader: plain text, Markdown, PDF, JSON / JSON Lines, and printing.

Importing this package is cheap: the PDF compiler and the font scan load only when a PDF is made.
The one-call entry point for the screen and the command line is :func:`export_article`
(in :mod:`mfa_reader.export.files`).
"""

from __future__ import annotations
