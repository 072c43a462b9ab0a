"""The product: its Django apps (``questions``, ``probe``) and ``web``, what their
pages share. See the README, "How the code is laid out"."""
