from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from wizard.questions import wording
from wizard.questions.core.isp import ACTIVE
from wizard.web.isp_text import isp_text

register = template.Library()


@register.filter
def break_at_dots(value: object) -> SafeString:
    """Let long host names wrap after a dot, never inside a label (a phone's width)."""
    return mark_safe(escape(value).replace(".", ".<wbr>"))


@register.filter
def any_note(rows: list[dict[str, object]]) -> bool:
    """Whether any row of a settings table has a note (shown under the table)."""
    return any(row.get("note") for row in rows)


@register.simple_tag
def based_on_the_notice() -> SafeString:
    """The footer's sentence: which notice the wizard follows, linked to the ISP's page."""
    link = format_html(
        '<a href="{}" lang="ja" hreflang="ja">{}</a>',
        ACTIVE.notice_url,
        isp_text("%(notice_title)s"),
    )
    return mark_safe(isp_text(wording.BASED_ON_THE_NOTICE, notice=link))
