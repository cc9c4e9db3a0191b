"""Browser tests: the built portal in a real browser (see browserkit.py)."""
