"""Support for tests/test_browser.py: the tools it needs, a static server, a Chromium session,
axe-core and the Nu Html Checker."""
