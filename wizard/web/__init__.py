"""What both apps' pages share: htmx rendering, JSON errors, the client's address,
the page cache, the ISP's names in text, the language switch, error pages."""
