"""The Qt user interface. Only this package (and the GUI entry) imports PySide6."""
