"""Pure wording shared by the terminal and the exports: spans of days, plurals, records,
the plain-text archive form. No I/O."""
