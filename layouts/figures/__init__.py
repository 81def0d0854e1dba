"""Figure builders: pure functions of small DataFrames and translated labels -> figure dicts.

Plain dicts (not plotly.express) because building them is ~100x cheaper (DESIGN.md 10).
"""
