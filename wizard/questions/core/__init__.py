"""The questions' domain: answers, the question flow, the notice's cases and the
ISP profile. Plain Python, no Django (a test enforces it)."""
