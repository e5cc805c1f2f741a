"""The notes folder on disk: safe writes and locks (files.py), notes (note.py), drafts and
their bullet lines (drafts.py, bullets.py), breaks (breaks.py), the index and words caches
(index.py, wordindex.py), the store that reads and writes them (store.py), default paths
(paths.py), the config file (config.py, plaintoml.py) and making a new folder (create.py)."""
