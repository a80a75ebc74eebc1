"""The Textual reader: the only package that imports textual. Import it lazily.

The command line opens the reader with :func:`mfa_reader.ui.app.run_reader`.
"""
