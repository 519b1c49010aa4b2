"""Example situations as JSON, as openfisca/country-template ships them: the stock web API's examples.

``couple`` is the README's household in May 2021: Aigerim (salary) and Bolat (pension) own a 54 m2
two-room flat; housing aid of decision 56/2-VI (Annex 1, items 1-3) is asked for May 2021, with the
incomes of the preceding quarter (item 3).
"""

import json
from pathlib import Path

DIR = Path(__file__).parent


def parse(file_name: str) -> dict:
    with open(DIR / file_name, encoding="utf-8") as stream:
        return json.load(stream)


couple = parse("couple_owner_2021_05.json")
