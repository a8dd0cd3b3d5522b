"""Glued values: plain Python numbers for the prose, and never a silent "nan"."""

from __future__ import annotations

import numpy as np
import pytest

from chengyu.glue import plain


def test_numpy_scalars_become_python_numbers():
    # {glue:text} with a format spec fails on np.float64 under numpy 2
    assert type(plain(np.float64(1.5))) is float
    assert type(plain(np.int64(3))) is int
    assert plain("33618") == "33618"


@pytest.mark.parametrize("value", [float("nan"), np.nan, float("inf"), None, [1, 2]])
def test_missing_or_unprintable_values_are_refused(value):
    with pytest.raises(ValueError):
        plain(value)
