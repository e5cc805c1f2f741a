"""The habit: streaks (streak.py), where the week stands (status.py) and a year looked back
on (review.py). Values in, reports out; nothing here prints."""
