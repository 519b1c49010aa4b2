"""Helpers of the tests and benchmarks, outside the installed package (issue 11, item 7).

``local_server`` starts the API as ``make serve`` does; ``reference`` is the hand-written numpy
yardstick of the budget benchmark; ``situations`` turns a JSON situation into a budget population.
Importable as ``tests.support`` from the repository root (pytest's ``pythonpath``; the benchmarks put
the root on ``sys.path``).
"""
