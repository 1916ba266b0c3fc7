"""The project on disk: configuration and its schema, languages, source pages and their segments,
chapters, a municipality's settings and local pages, and the `--upstream` overlay.
"""
