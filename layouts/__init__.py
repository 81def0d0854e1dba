"""Layouts: pure functions of (language, data they are given) returning Dash components.

Layouts never touch the database; callbacks fetch what they need and pass it in.
"""
