"""Publishing: the export formats, one module each in a registry (formats/), an export
run and written to disk (export.py, folder.py), and a note as email (message.py) sent over
SMTP with its record (send.py, sentlog.py)."""
