"""mfa-reader: a terminal reader for the press releases of China's Ministry of Foreign Affairs."""

__version__ = "0.1.0"

# Logging is set up where the program starts (mfa_reader.logs, by the command line), not here: the
# commands that never log (search, list) would otherwise load it for nothing.
