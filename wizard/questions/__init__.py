"""The questions: the wizard's steps, the diagnosis, result pages and guides."""
