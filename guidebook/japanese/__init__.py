"""Plain Japanese: readings of Japanese words, furigana for the plain-Japanese site, and the checker
that holds source pages to the national plain-Japanese guideline.
"""
