"""Showing results: plots and the HTML report."""
