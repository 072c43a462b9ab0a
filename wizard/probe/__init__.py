"""The server check: the EHLO probe, its runner, stored reports and limits."""
