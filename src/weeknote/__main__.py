from weeknote.cli import run

run()
