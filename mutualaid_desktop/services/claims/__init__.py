"""Claims: intake, the papers, review (four eyes) and the decision notices."""
