"""Demonstrations that belong to one lesson: longer-than-a-screen logic a notebook calls.

One module per notebook (``nb01``, ``nb02``...), each with docstrings naming the lesson.
"""
