"""The Submit page's ways on, as a contributor uses them: the email goes to the Secretariat with
the record in its body, and where the device can share files the record goes as an attachment.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from .browserkit import LANGS, PREFIX, Browsing, assert_no_problems

SECRETARIAT_EMAIL = "acsg@unhcr.org"
ANSWERS = {
    "title": "Support for registration",
    "description": "Training of registration staff.",
    "entities": "utopia",
    "sources": "https://www.example.org/plan",
}
# Chromium on Linux has no Web Share: a device that shares files is stood in for, and what it
# is given is kept for the test.
SHARING_DEVICE = """
navigator.canShare = (data) => Array.isArray(data.files) && data.files.length > 0;
navigator.share = async (data) => {
  const file = data.files[0];
  window.__shared = {name: file.name, body: await file.text(), title: data.title, text: data.text};
};
"""


def _file_shown(browsing: Browsing, lang: str) -> str:
    """Fill in the request form on the Submit page and show the record file (its YAML)."""
    page = browsing.page
    browsing.open(PREFIX[lang] + "submit/")
    page.select_option("#acsg-request-support-language", "en")
    for field, value in ANSWERS.items():
        page.fill(f"#acsg-request-support-{field}", value)
    page.locator("form.acsg-form button[type=submit]").click()
    return page.locator(".acsg-output pre code").inner_text()


@pytest.mark.parametrize("lang", LANGS)
def test_the_email_goes_to_the_secretariat_with_the_record(browsing, lang):
    yaml = _file_shown(browsing, lang)
    href = browsing.page.locator(".acsg-ways a[href^='mailto:']").get_attribute("href")
    mail = urlsplit(href)
    assert mail.path == SECRETARIAT_EMAIL
    assert parse_qs(mail.query)["body"] == [yaml]
    assert SECRETARIAT_EMAIL in browsing.page.locator(".acsg-ways").inner_text()
    # Chromium on Linux cannot share files: no share button that would do nothing.
    assert browsing.page.locator(".acsg-ways button").count() == 0
    assert_no_problems(browsing.watch.relative(browsing.watch.problems), f"submit ({lang})")


def test_a_device_that_shares_files_sends_the_record_as_an_attachment(browsing):
    browsing.context.add_init_script(SHARING_DEVICE)
    yaml = _file_shown(browsing, "fr")
    button = browsing.page.locator(".acsg-ways button")
    assert SECRETARIAT_EMAIL in button.inner_text()
    button.click()
    shared = browsing.page.wait_for_function("() => window.__shared").json_value()
    assert shared["name"] == "support-for-registration.yaml"
    assert shared["body"] == yaml
    assert SECRETARIAT_EMAIL in shared["text"]
    # The email link stays, for the message addressed to the Secretariat.
    assert browsing.page.locator(".acsg-ways a[href^='mailto:']").count() == 1
