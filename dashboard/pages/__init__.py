"""Dash pages: one module per page (register_page + layout(**kwargs) + its callbacks)."""
