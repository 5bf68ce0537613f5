"""The closed word lists plans name: the six leadership strategies, the six types of involvement,
the audience groups (data in `data/`), and how plan text matches them."""
