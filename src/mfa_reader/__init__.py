"""mfa-reader: a terminal reader for the press releases of China's Ministry of Foreign Affairs."""

__version__ = "0.1.0"
