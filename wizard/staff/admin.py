"""Django's admin at /staff/admin/: staff accounts, and the probe reports."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Support console administration")
admin.site.site_title = _("Support console")
admin.site.index_title = _("Accounts and records")
admin.site.site_url = "/staff/"
