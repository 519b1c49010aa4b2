"""``Population``: households and persons as arrays, the one shape every interface hands to the model.

The population loader builds it from files (``population/loader.py``), the API's readers from a
request (``api/inputs.py``), ``tests/support/situations.py`` from an OpenFisca situation. Each input is a
``Series``: a step function of the months, whose arrays are shared (never copied) between months, so
that a million households x 60 months hold one array per change. No pyarrow here: the web API needs none.
"""

from __future__ import annotations

import bisect
import datetime
from dataclasses import dataclass, field

import numpy as np

ROLE_CODES = {"applicant": 0, "other_member": 1}  # entities.py: the household's roles, in order


@dataclass
class Series:
    """An input's values over time: ``arrays[i]`` holds from month ordinal ``starts[i]`` on.

    With no ``starts`` the single array holds for every month. Months before the first start take the
    first array. Arrays are shared, not copied, between months (OpenFisca's set_input keeps them).
    """

    arrays: tuple
    starts: tuple = ()

    def at(self, ordinal: int) -> np.ndarray:
        return self.arrays[max(bisect.bisect_right(self.starts, ordinal) - 1, 0)]

    @property
    def constant(self) -> bool:
        return len(self.arrays) == 1


@dataclass(kw_only=True)
class Population:
    """Households and persons as arrays, ordered by household (first appearance) and person.

    ``household_inputs`` and ``person_inputs`` map a variable to its ``Series``. A request also carries
    its judged ``date`` and ``month``, the ``income_months`` of item 3 and ``given``: for each household
    input, which households gave it (elsewhere the model's default applies, and a required input is
    reported missing). Person inputs of a request are float64 with NaN where not given.
    """

    household_ids: object  # pyarrow Array (files) or list (requests): the ids as given
    person_ids: object
    person_household: np.ndarray  # household index of each person (integer)
    person_role: np.ndarray  # 0 applicant, 1 other member (int8; ROLE_CODES)
    weight: np.ndarray | None = None  # float64, one per household; None: each row is one household
    household_inputs: dict = field(default_factory=dict)  # variable -> Series
    person_inputs: dict = field(default_factory=dict)  # variable -> Series
    name: str = "request"
    synthetic: bool = False
    files: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)
    description: str = ""
    date: datetime.date | None = None  # a request: the day asked about
    month: str | None = None  # a request: the judged month, YYYY-MM
    income_months: list = field(default_factory=list)  # a request: item 3's quarter before
    given: dict = field(default_factory=dict)  # a request: household input -> bool array

    def __post_init__(self):
        if self.weight is None:
            self.weight = np.broadcast_to(np.float64(1), (len(self.household_ids),))  # read-only, no memory

    @property
    def household_count(self) -> int:
        return len(self.weight)

    count = household_count  # the API's name

    @property
    def person_count(self) -> int:
        return len(self.person_household)

    @property
    def household_size(self) -> np.ndarray:
        if getattr(self, "_size", None) is None:
            self._size = np.bincount(self.person_household, minlength=self.household_count)
        return self._size

    @property
    def label(self) -> str:
        return f"SYNTHETIC population '{self.name}'" if self.synthetic else f"population '{self.name}'"
