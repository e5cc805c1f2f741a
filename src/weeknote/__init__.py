"""weeknote: capture the week in bullets, write the weeknote, keep the streak, publish it."""
