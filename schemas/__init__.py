"""Pydantic contracts between jobmine's stages."""
