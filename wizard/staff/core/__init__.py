"""What the support console knows without HTTP: which answers a link builder
asks, and how results are counted."""
