"""The demo database (`make run`, the browser tests): reference data, sample schools, a few trusted adults.

Never imported by the running app: only the CLI's `seed` command uses it.
"""
