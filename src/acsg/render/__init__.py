"""Page generation: the validated catalogue -> a Markdown tree in three languages.

Runs without MkDocs (``acsg render DIR``); the MkDocs hooks read the pages from
``acsg.render.build``.
"""
