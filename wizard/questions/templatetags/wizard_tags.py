from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def break_at_dots(value: object) -> SafeString:
    """Let long host names wrap after a dot, never inside a label (a phone's width)."""
    return mark_safe(escape(value).replace(".", ".<wbr>"))
