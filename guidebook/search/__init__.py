"""Search: the per-language index written at build time (word breaking with ICU, lunr's format) and
the layers that let readers find pages in the words they type.
"""
