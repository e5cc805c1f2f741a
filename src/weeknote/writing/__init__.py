"""Writing: the template (template.py), a week's note composed from its drafts with last
week's plans carried forward (compose.py, carry.py, plans.py), capturing a bullet
(capture.py) and the editor (editor.py)."""
