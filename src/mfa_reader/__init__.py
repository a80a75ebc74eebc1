"""mfa-reader: a terminal reader for the press releases of China's Ministry of Foreign Affairs."""

import logging

__version__ = "0.1.0"

# Nothing is printed unless the program sets logging up (mfa_reader.logs): without a handler,
# Python would print warnings and their traces on stderr, over the reader's screen.
logging.getLogger(__name__).addHandler(logging.NullHandler())
