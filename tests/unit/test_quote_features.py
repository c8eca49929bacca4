"""The learned attribution's feature strings: the shared strings (made once) equal the formulas they stand for."""
from __future__ import annotations

from dateline.stages.quotes import features as F


def test_shared_bucket_strings_equal_their_formulas():
    for n in range(0, 40):
        ds = str(F.dist(n))
        for kind in "abr":
            T = F._END_STRINGS[kind]
            assert T[0] == "d=" + kind
            assert T[1][min(n, F._ND)] == "len=" + kind + ds
            assert T[2][min(n, 3)] == f"commas{kind}{min(n, 3)}" and T[3][min(n, 3)] == f"sents{kind}{min(n, 3)}"
            assert T[4] == "eos_" + kind and T[5] == "qend_" + kind
        assert F._REST[min(n, F._ND)] == "rest" + ds and F._GAP[min(n, F._ND)] == "gap" + ds
        assert (F._LEN[n] if n < F._ND else "len12") == "len" + ds
        for d in "ab":
            assert (F._DN[d][n] if n < F._ND else d + "12") == d + ds
    assert all(F._K[k] == f"k{k}" for k in range(9))
    assert F._COMMAS == tuple(f"commas{c}" for c in range(4))


def test_counts_before_the_start_keep_the_negative_formulas():
    class P:                       # the two arrays _counts_before reads: comma counts before a token, sentence index
        cpre = [0, 0, 1, 1, 2, 2]
        sent = [0, 0, 0, 1, 1]
    # an end two tokens before the start: (e - start + 1) // 3 == -1 -> dist's table read from its end, as before
    assert F._counts_before(P, "r", 2, 4) == ("len=r" + F._DS[-1], "commasr-1", "sentsr-1")


def test_suffix_cache_equals_suffix():
    for w in ("reported", "saying", "says", "is", "bed", "-", "<s>", "sings"):
        assert (F._SUFFIX.get(w) or F._suffix_of(w)) == F._suffix(w)
