"""git under the notes folder: the repository and committing what a command wrote
(repository.py), sync with a remote (sync.py), replaying this machine's commits safely
(rebase.py) and the line-by-line merge driver for drafts and breaks (linemerge.py)."""
