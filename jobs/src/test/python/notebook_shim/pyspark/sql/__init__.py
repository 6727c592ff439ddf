"""Test-only SparkSession answering notebook queries from precomputed results (see ../../README.md)."""
import json
import os

import pandas as pd


class DataFrame:
    def __init__(self, columns, rows):
        self._columns = columns
        self._rows = rows

    def toPandas(self):
        return pd.DataFrame.from_records(self._rows, columns=self._columns)


class SparkSession:
    class Builder:
        def master(self, *args):
            return self

        def appName(self, *args):
            return self

        def config(self, *args):
            return self

        def remote(self, *args):
            return self

        def getOrCreate(self):
            return SparkSession()

    builder = Builder()

    def __init__(self):
        with open(os.environ["VALUECHAIN_NOTEBOOK_ANSWERS"], encoding="utf-8") as f:
            self._answers = json.load(f)

    def sql(self, query):
        key = query.strip()
        if key.upper().startswith(("CREATE DATABASE", "CREATE TABLE")):
            return DataFrame([], [])
        if key not in self._answers:
            raise KeyError("the test did not precompute this query:\n" + key)
        answer = self._answers[key]
        return DataFrame(answer["columns"], answer["rows"])
