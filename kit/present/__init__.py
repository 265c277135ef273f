"""Presenting results to people: terminal text (`render`), the app's HTML (`markup`, used by
`kit.ui`), a report folder (`report`) and the workshop handout (`workshop`).
"""
