"""Translation catalogs: extracting templates, merging PO files, counting what is translated and
checking translations (numbers, links, glossary, markup).
"""
