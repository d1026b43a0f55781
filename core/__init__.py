"""ruydad's engine: Persian text in, dated mentions and a timeline out.

Imports no Textual, Rich or ``tui`` (tests/test_layering.py checks it), and
nothing slow at import time: ``ruydad extract`` starts in a fraction of a second.
"""
