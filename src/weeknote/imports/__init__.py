"""`weeknote import`: past weeknotes brought in from wherever they are published.

One module a job: ``detect`` tells what a source is; the readers (``plaintext``, ``feeds``,
``wxr``, ``folder``, ``ghost``, ``substack``, ``jrnl``) turn it into posts (``model``);
``titles`` and ``dating`` give each post its weeks; ``choose`` keeps the weeknotes;
``plan`` sets them against the notes folder; ``run`` does it all in order.
"""
