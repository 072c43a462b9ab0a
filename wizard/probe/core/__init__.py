"""The EHLO probe's engine: what to connect to, the bounded SMTP client, the
report and the advice. Plain Python, no Django (a test enforces it)."""
