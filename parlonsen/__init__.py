"""Parlons-en: help children facing violence find the right adult."""
