"""The year-end report (báo cáo tổng kết) as a Word document, rendered by docxtpl.

The template is the newest active one city staff uploaded (`ReportTemplate`), or the
default built by `report_template.py`; the figures are `report_context()`'s, read from
the selectors. A template is checked by rendering a sample report before it is kept
(services/report_templates.py), so a broken one never replaces a working one.
"""

from __future__ import annotations

import io
import logging
import zipfile

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from campaigns.documents.report_context import report_context
from campaigns.documents.report_template import default_template_bytes
from campaigns.models import ReportTemplate
from campaigns.report.workbook import may_report

logger = logging.getLogger(__name__)

DOCX_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)


def _environment():
    # Sandboxed: an uploaded template is code city staff wrote; strict: a misspelt
    # name is an error on upload, not a blank in every report after it.
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)


def render(template: bytes, context: dict) -> bytes:
    """`template` (a .docx with docxtpl tags) filled with `context`, as .docx bytes."""
    document = DocxTemplate(io.BytesIO(template))
    document.render(context, jinja_env=_environment(), autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def template_error(template: bytes, context: dict) -> str | None:
    """Why `template` cannot make a report with `context`, in words; None if it can."""
    if not zipfile.is_zipfile(io.BytesIO(template)):
        return _("The file is not a Word document (.docx).")
    try:
        render(template, context)
    except TemplateSyntaxError as exc:
        return _(
            "The template has an error in a tag near line %(line)s: %(error)s. "
            "Check that every {{ … }} and {%% … %%} is complete and spelt as in the "
            "default template."
        ) % {"line": exc.lineno, "error": exc.message}
    except UndefinedError as exc:
        return _(
            "The template uses a name the report does not have: %(error)s. Use the "
            "names of the default template."
        ) % {"error": exc.message}
    except (KeyError, zipfile.BadZipFile, ValueError) as exc:
        return _(
            "The file is not a Word document (.docx) that can be read: %(error)s"
        ) % {"error": exc}
    except Exception as exc:  # any other failure of a user's template: refuse it
        return _("The template could not be filled: %(error)s") % {"error": exc}
    return None


def active_template() -> ReportTemplate | None:
    """The template in use: the newest active upload (None: the default)."""
    return ReportTemplate.objects.filter(active=True).first()


def current_template_bytes() -> bytes:
    """The bytes of the template in use (uploaded, else the default)."""
    template = active_template()
    if template is None:
        return default_template_bytes()
    with template.file.open("rb") as handle:
        return handle.read()


def vietnamese_context(**options) -> dict:
    """`report_context()` with its words in Vietnamese, whatever the page language."""
    with translation.override("vi"):
        return report_context(**options)


def year_end_report(*, year: int, first_year: int, ward=None, user) -> bytes:
    """The report of `ward` (None: the whole territory) for `year` as .docx bytes, for
    a user who may have it (the workbook's rule: the gate decides)."""
    if not may_report(user, ward):
        raise PermissionDenied
    context = vietnamese_context(year=year, first_year=first_year, ward=ward)
    template = current_template_bytes()
    try:
        with translation.override("vi"):
            return render(template, context)
    except Exception:
        # Checked on upload, but data the sample lacked may still break it: the
        # default template always renders, so the report is still made.
        logger.exception("The uploaded report template failed; using the default.")
        with translation.override("vi"):
            return render(default_template_bytes(), context)


def check_template(template: bytes, *, year: int) -> None:
    """Raise ValidationError with the Vietnamese reason when `template` cannot make
    the report of `year` for the whole territory (the sample it is checked with)."""
    context = vietnamese_context(year=year, first_year=year - 15, ward=None)
    with translation.override("vi"):
        message = template_error(template, context)
    if message:
        raise ValidationError(message, code="template")
