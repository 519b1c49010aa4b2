"""Who claims the aid they are entitled to: a draw per household from its id and the seed.

Each household's uniform number is a hash of the seed and the text of its ``household_id`` (FNV-1a
over the UTF-8 bytes, started from the mixed seed, then the SplitMix64 finaliser): it does not depend
on the row order, on the file format (the id 17 in a CSV and in a Parquet file draw the same), nor on
how the population was made (the synthetic generator's own seeded draws share nothing with it). A
household claims when its number is below the take-up rate; the same households claim in every month
and every scenario, so that a reform's winners and losers are changes of the rules, not of the draw.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

DEFAULT_SEED = 20191120
MAX_SEED = 2**64 - 1
_FNV_PRIME = np.uint64(0x100000001B3)
_MASK = (1 << 64) - 1


def check_seed(seed) -> int:
    """The seed as an int in 0..2**64-1; ValueError (with the fix) otherwise."""
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or not 0 <= int(seed) <= MAX_SEED:
        raise ValueError(f"the seed must be a whole number from 0 to {MAX_SEED}; got {seed!r}")
    return int(seed)


def check_rate(take_up) -> float:
    """The take-up rate as a float in [0, 1]; ValueError otherwise (NaN included)."""
    try:
        rate = float(take_up)
    except (TypeError, ValueError):
        rate = float("nan")
    if not 0 <= rate <= 1:
        raise ValueError(f"take-up must be between 0 and 1 (a share of entitled households); got {take_up}")
    return rate


def _splitmix(values: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser: every input bit changes about half of the output bits."""
    z = values + np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def uniforms(household_ids, seed: int = DEFAULT_SEED) -> np.ndarray:
    """One number in [0, 1) per household, from its id's text and ``seed`` (float64)."""
    seed = check_seed(seed)
    ids = household_ids if isinstance(household_ids, (pa.Array, pa.ChunkedArray)) else pa.array(household_ids)
    if isinstance(ids, pa.ChunkedArray):
        ids = ids.combine_chunks()
    text = pc.cast(ids, pa.string()) if not pa.types.is_string(ids.type) else ids
    offsets = np.frombuffer(text.buffers()[1], dtype=np.int32)[text.offset : text.offset + len(text) + 1]
    data = text.buffers()[2]
    data = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, dtype=np.uint8)
    starts, lengths = offsets[:-1].astype(np.int64), np.diff(offsets).astype(np.int64)
    with np.errstate(over="ignore"):
        h = np.full(len(text), _splitmix(np.array([seed], dtype=np.uint64))[0], dtype=np.uint64)
        for k in range(int(lengths.max()) if len(lengths) else 0):  # one pass per character position
            live = lengths > k
            byte = data[starts[live] + k].astype(np.uint64)
            h[live] = (h[live] ^ byte) * _FNV_PRIME
        h = _splitmix(h ^ lengths.astype(np.uint64))
    return (h >> np.uint64(11)).astype(np.float64) * 2.0**-53


def claimants(household_ids, take_up: float, seed: int = DEFAULT_SEED) -> np.ndarray:
    """Bool per household: claims the aid it is entitled to. ``take_up`` 1 means every household."""
    rate = check_rate(take_up)
    count = len(household_ids)
    if rate >= 1:
        check_seed(seed)
        return np.ones(count, dtype=bool)
    return uniforms(household_ids, seed) < rate
