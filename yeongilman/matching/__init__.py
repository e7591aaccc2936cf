"""Cross-lingual partner matching: plain Python, no Django (see engine.MatchingIndex).

Command line: python -m yeongilman.matching evaluate DIR
"""
