"""Test-only stand-in for delta-spark (see ../README.md)."""


def configure_spark_with_delta_pip(builder, *args, **kwargs):
    return builder
