"""设置 and its tabs."""
