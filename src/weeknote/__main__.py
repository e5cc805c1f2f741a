from weeknote.cli import main

main()
