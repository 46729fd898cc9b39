"""Helpers the tests share: a drop of every kind of bad input (bad_drop), HTML inspection
(html_tools), the marts' content (marts), rules a child process imports by name (offload_rules)."""
