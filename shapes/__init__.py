"""Packaged files of cheikg; see README.md."""
