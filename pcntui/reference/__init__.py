"""Reference data shipped with pcntui (rule tables for the years known) and their loaders.

Each domain keeps its files here under its own prefix (`smr_*`, `arrs_*`); the user can
add or correct the values in the database without a new release.
"""
