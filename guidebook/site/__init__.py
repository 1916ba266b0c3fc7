"""Rendering a language and building it into pages: Markdown from catalogs, sanitizing, the mkdocs
plugin, navigation cache, CSS pruning, offline reading, the root assembly, status and what's-new pages.
"""
