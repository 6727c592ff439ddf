"""Test-only stand-in for PySpark (see ../README.md)."""
