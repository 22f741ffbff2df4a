"""One module per publisher format; each exposes ``FORMAT: ImportFormat``."""
