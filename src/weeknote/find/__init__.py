"""Finding things in the notes: words (search.py) and tags (tags.py)."""
