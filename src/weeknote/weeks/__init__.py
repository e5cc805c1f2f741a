"""Pure time: the Week value (week.py), days and their names (days.py), and the one parser
for every DATE, WEEK and span a person types (parse.py). No I/O; today is always a
parameter."""
