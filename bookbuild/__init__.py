"""The book's build machinery (Sphinx extension, pre-build cache guard, benchmark); not part of the analysis package ``chengyu``."""
