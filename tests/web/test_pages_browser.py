"""The pages in a real browser (issue 12): calculator, errors by field, languages, print sheet, budget desk,
screenshots at 1280x800 and 390x844, accessibility basics (labels, keyboard alone).

Every amount expected here comes from the engine itself (POST /entitlement, the budget package) and,
for the README's household, from the law by hand: decision 56/2-VI as revised by 3/5-VII, items 1-3, 12.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import openpyxl
import pytest

from openfisca_kz_housing import labels, tax_benefit_system

SCREENSHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots"
DESK, PHONE = (1280, 800), (390, 844)

pytestmark = pytest.mark.usefixtures("browser")

# The README's "Python example": judged month 2022-01, two members, quarter 2021-10..12.
README_FORM = {
    "date": "2022-01-01",
    "member-0-salary": "60 000",
    "member-1-pension": "40000",
    "dwelling_area": "60",
    "dwelling_rooms": "2",
    "maintenance_expense": "6000",
    "heating_expense": "12000",
    "utility_expense": "5000",
}
README_BODY = {
    "date": "2022-01-01",
    "persons": {"aigerim": {"salary": {m: 60000 for m in ("2021-10", "2021-11", "2021-12")}},
                "bolat": {"pension": {m: 40000 for m in ("2021-10", "2021-11", "2021-12")}}},
    "households": {"h": {"applicant": "aigerim", "other_members": ["bolat"], "dwelling_area": 60, "dwelling_rooms": 2,
                         "tenure": "owner", "maintenance_expense": 6000, "heating_expense": 12000,
                         "utility_expense": 5000}},
}


def as_number(text: str) -> float:
    """'5 800' / '6 666,67' / '1 234.5' -> float (spaces group thousands, a decimal comma is allowed)."""
    return float(re.sub(r"\s", "", text).replace(",", "."))


def by_id(driver, element_id):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.ID, element_id)


def fill(driver, element_id, value):
    element = by_id(driver, element_id)
    element.clear()
    element.send_keys(value)


def choose(driver, element_id, value):
    from selenium.webdriver.support.ui import Select

    Select(by_id(driver, element_id)).select_by_value(value)


def wait_for(driver, element_id, seconds=60):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds).until(lambda d: d.find_elements("id", element_id))[0]


def viewport(driver, size):
    width, height = size
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


def screenshots(driver, name):
    """Save the page at both sizes; on the phone the page must not scroll sideways."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for size in (DESK, PHONE):
        viewport(driver, size)
        time.sleep(0.1)
        driver.save_screenshot(str(SCREENSHOTS / f"{name}-{size[0]}x{size[1]}.png"))
        overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{name} scrolls sideways by {overflow}px at {size}"
    viewport(driver, DESK)


def unlabelled_inputs(driver) -> list[str]:
    """Inputs and selects a person can use that have no <label for> and no aria-label."""
    return driver.execute_script("""
        return Array.from(document.querySelectorAll('main input, main select, main textarea'))
          .filter(e => e.type !== 'hidden' && !e.closest('template'))
          .filter(e => !(e.id && document.querySelector('label[for="' + e.id + '"]')) && !e.getAttribute('aria-label'))
          .map(e => e.id || e.name);""")


def fill_readme_household(driver, site, lang="en"):
    driver.get(f"{site}/calculator?lang={lang}")
    by_id(driver, "add-member").click()
    for key, value in README_FORM.items():
        fill(driver, key, value)
    choose(driver, "dwelling_kind", "apartment")
    choose(driver, "tenure", "owner")


def test_calculator_answers_the_readme_household_as_the_api_and_the_law(browser, site, http):
    """Items 3, 2, 12 and 1 of 56/2-VI as revised by 3/5-VII: base 100,000, limit 10,000, norm 36 of 60 m2,
    accepted 15,800: aid 5,800. The page shows what POST /entitlement answers for the same household."""
    api = http.post(f"{site}/entitlement", json=README_BODY, timeout=30).json()
    expected = api["households"]["h"]["housing_aid"]
    assert expected == pytest.approx(5800, abs=0.01)  # the README's hand calculation
    fill_readme_household(browser, site)
    assert unlabelled_inputs(browser) == []
    by_id(browser, "calculate").click()
    aid = wait_for(browser, "housing_aid")
    assert as_number(aid.text) == pytest.approx(expected, abs=0.01)
    assert api["act"]["number"] == "3/5-VII" and "3/5-VII" in by_id(browser, "act").text
    steps = browser.find_elements("css selector", "#steps li")
    assert len(steps) == len(api["households"]["h"]["explanation"])
    screenshots(browser, "calculator")


def test_engine_error_is_shown_next_to_its_field_in_the_page_language(browser, site):
    """A dwelling's area must be > 0 (item 12 divides by it): the engine's message sits under the field."""
    fill_readme_household(browser, site, lang="ru")
    fill(browser, "dwelling_area", "-5")
    by_id(browser, "calculate").click()
    message = wait_for(browser, "dwelling_area-error")
    field = browser.execute_script("return arguments[0].closest('.field').querySelector('input').id", message)
    assert field == "dwelling_area"
    assert "площадь" in message.text  # the API's message in Russian
    assert by_id(browser, "dwelling_area").get_attribute("aria-invalid") == "true"
    assert not browser.find_elements("id", "housing_aid")
    screenshots(browser, "calculator-error")


def test_language_switch_keeps_the_form_and_labels_come_from_the_model(browser, site):
    """Kazakh and Russian labels are the model's own (variable_labels.yaml); the amount does not change."""
    system = tax_benefit_system()
    fill_readme_household(browser, site)
    by_id(browser, "calculate").click()
    amount = as_number(wait_for(browser, "housing_aid").text)
    for lang in ("kk", "ru"):
        by_id(browser, f"lang-{lang}").click()
        wait_for(browser, "housing_aid")
        assert browser.find_element("tag name", "html").get_attribute("lang") == lang
        label = browser.find_element("css selector", "label[for=dwelling_area]").text
        assert label == labels.variable_label(system, "dwelling_area", lang)
        assert as_number(by_id(browser, "housing_aid").text) == amount
        assert by_id(browser, "dwelling_area").get_attribute("value") == "60"
    browser.get(f"{site}/changes")  # remembered: no ?lang= now
    assert browser.find_element("tag name", "html").get_attribute("lang") == "ru"
    browser.get(f"{site}/?lang=kk")
    assert browser.find_element("tag name", "html").get_attribute("lang") == "kk"
    screenshots(browser, "home")
    browser.get(f"{site}/changes?lang=en&from=2021-06-01&to=2023-01-01")
    assert browser.find_elements("css selector", "#changes-table tbody tr")
    assert unlabelled_inputs(browser) == []
    screenshots(browser, "changes")


def test_print_sheet_is_one_page_with_date_act_model_inputs_figures_steps(browser, site):
    """The clerk's calculation sheet of the README household: one A4 page to sign and file."""
    fill_readme_household(browser, site, lang="kk")
    by_id(browser, "print-sheet").click()
    aid = wait_for(browser, "housing_aid")
    assert as_number(aid.text) == pytest.approx(5800, abs=0.01)
    assert "3/5-VII" in by_id(browser, "act").text
    assert "2022-01-01" in by_id(browser, "sheet-date").text
    assert re.search(r"openfisca-kz-housing \S+", by_id(browser, "sheet-model").text)
    assert len(browser.find_elements("css selector", "#sheet-inputs tr")) >= 7
    assert len(browser.find_elements("css selector", "#steps li")) >= 5
    screenshots(browser, "print")
    import base64

    from selenium.webdriver.common.print_page_options import PrintOptions

    options = PrintOptions()
    options.page_width, options.page_height = 21.0, 29.7
    pdf = base64.b64decode(browser.print_page(options))
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1


def test_calculator_works_with_the_keyboard_alone(browser, site):
    """Tab to every field, type, tab to Calculate and press Enter (no mouse)."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    browser.get(f"{site}/calculator?lang=en")
    wanted = dict(README_FORM)
    wanted.pop("member-1-pension")
    wanted["member-0-salary"] = "100000"  # one person: the same quarter income (item 3)
    typed = set()
    for _ in range(120):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        active = browser.switch_to.active_element
        key = active.get_attribute("id")
        if key in wanted and key not in typed:
            active.send_keys(wanted[key])
            typed.add(key)
        if key == "calculate":
            break
    assert typed == set(wanted) and key == "calculate"
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    aid = wait_for(browser, "housing_aid")
    assert as_number(aid.text) >= 0


def test_budget_desk_runs_the_synthetic_district_and_gives_the_workbook(browser, site, downloads):
    """The law's total over 2023 equals the budget package's own run (what `kz-housing budget` prints);
    the workbook downloaded by the browser opens and says SYNTHETIC."""
    from selenium.webdriver.common.keys import Keys

    from openfisca_kz_housing.budget import results, scenarios
    from openfisca_kz_housing.budget.run import run_budget
    from openfisca_kz_housing.examples import month_range
    from openfisca_kz_housing.population import bundled_population_dir, load_population

    browser.get(f"{site}/budget?lang=en")
    assert "SYNTHETIC" in browser.find_element("css selector", "label[for=population-synthetic]").text
    assert unlabelled_inputs(browser) == []
    screenshots(browser, "budget-form")
    fill(browser, "from", "2023-01")
    fill(browser, "to", "2023-12")
    by_id(browser, "reform-lower_income_share").click()
    # while a run computes the page says so and counts the seconds (the submission is held here to see it)
    browser.execute_script("window.hold = e => e.preventDefault();"
                           "document.getElementById('budget-form').addEventListener('submit', window.hold)")
    by_id(browser, "run").send_keys(Keys.ENTER)
    working = by_id(browser, "working")
    first = working.text
    time.sleep(1.6)
    assert working.is_displayed() and re.search(r"\d", first) and working.text != first, (first, working.text)
    browser.execute_script("document.getElementById('budget-form').removeEventListener('submit', window.hold)")
    by_id(browser, "run").send_keys(Keys.ENTER)  # the keyboard: focus on Run, Enter
    total = as_number(wait_for(browser, "total_cost", 120).text)
    assert "SYNTHETIC" in by_id(browser, "synthetic-banner").text

    system = tax_benefit_system()
    run = run_budget(load_population(bundled_population_dir()), month_range("2023-01", "2023-12"),
                     scenarios.scenarios(system, ["lower_income_share"]))
    expected = sum(row["cost_tenge"] for row in results.period_table(run, "year") if row["scenario"] == "baseline")
    assert total == pytest.approx(expected, abs=1)
    assert browser.find_elements("css selector", "#winners-losers tbody tr")
    assert len(browser.find_elements("css selector", "#deciles tbody tr")) == 10

    for old in downloads.glob("*.xlsx"):
        old.unlink()
    link = by_id(browser, "download-xlsx")
    link.send_keys(Keys.ENTER)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(downloads.glob("*.xlsx")):
        time.sleep(0.3)
    files = list(downloads.glob("*.xlsx"))
    assert files, "the workbook was not downloaded"
    workbook = openpyxl.load_workbook(files[0], read_only=True)
    assert workbook.sheetnames[0] == "About"
    about = [row for row in workbook["About"].iter_rows(values_only=True)]
    assert any("SYNTHETIC" in str(cell) for row in about for cell in row)
    numbers = [cell for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for cell in row
               if isinstance(cell, (int, float))]
    assert any(abs(cell - expected) <= 1 for cell in numbers), "the law's 2023 cost is not in the workbook"
    browser.execute_script("window.scrollTo(0, 0)")
    wait_for(browser, "chart-cost")
    browser.execute_script("""document.querySelectorAll('.charts img').forEach(i => i.loading = 'eager')""")
    time.sleep(0.5)
    screenshots(browser, "budget-result")
