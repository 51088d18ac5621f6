"""Built-in recognition data, shipped as Python so it needs no package-data configuration.

Every table is lowercase (or canonical spelling for names) and read once when a finder is built.
"""
