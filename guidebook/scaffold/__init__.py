"""Starting new things from templates: a municipality's site (new-municipality) and one more
language (add-language).
"""
