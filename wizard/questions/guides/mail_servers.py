"""Guides for one's own mail server on a dynamic address: relay via the ISP.

The configuration lines are the software's own syntax (not translated); the
sentences around them are. The software's (or the distribution's) own
documentation is the official source here.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ..core.answers import Client
from ..core.cases import Change
from ..core.isp import Security
from .model import Guide, Source, Step, official, when

RELAY = when(Change.RELAY)
_NO_TLS = {
    Security.NONE: _("without encryption"),
    Security.STARTTLS: _("with STARTTLS"),
    Security.SSL: _("with SSL/TLS"),
}

POSTFIX = Guide(
    client=Client.POSTFIX,
    server_software=True,
    steps=(
        Step(
            _(
                "In /etc/postfix/main.cf, hand all outgoing mail to the relay server. The "
                "brackets stop Postfix from looking up MX records for it:"
            ),
            RELAY,
            code="relayhost = [%(server)s]:%(port)s",
        ),
        Step(_("Reload Postfix:"), RELAY, code="postfix reload"),
        Step(
            _(
                "Send a test message and check the mail log (/var/log/mail.log, or "
                "journalctl -u postfix) for “relay=%(server)s” and “status=sent”."
            ),
            RELAY,
        ),
    ),
    security=_NO_TLS,
    lookup_port=_("The relay host is the “relayhost” line of /etc/postfix/main.cf."),
    lookup_auth=_("Authentication to the relay is set by “smtp_sasl_auth_enable” in main.cf."),
    all_sources=(
        official(
            "https://www.postfix.org/SOHO_README.html",
            "Postfix Small/Home Office Hints and Tips (relayhost)",
            "en",
        ),
        official(
            "https://www.postfix.org/postconf.5.html#relayhost",
            "postconf(5): relayhost",
            "en",
        ),
    ),
)

EXIM = Guide(
    client=Client.EXIM,
    server_software=True,
    steps=(
        Step(
            _(
                "On Debian or Ubuntu, run “dpkg-reconfigure exim4-config”, choose “mail sent by "
                "smarthost; received via SMTP or fetchmail” (the second choice) and enter the "
                "smarthost below. This writes these lines to /etc/exim4/update-exim4.conf.conf:"
            ),
            RELAY,
            code="dc_eximconfig_configtype='smarthost'\ndc_smarthost='%(server)s::%(port)s'",
        ),
        Step(
            _(
                "With your own Exim configuration instead, put this router before the "
                "dnslookup router:"
            ),
            RELAY,
            code=(
                "send_to_smart_host:\n"
                "  driver = manualroute\n"
                "  route_list = !+local_domains %(server)s::%(port)s\n"
                "  transport = remote_smtp"
            ),
        ),
        Step(
            _("Apply the change and restart Exim:"),
            RELAY,
            code="update-exim4.conf && systemctl restart exim4",
        ),
        Step(
            _(
                "Send a test message and check /var/log/exim4/mainlog for “R=smarthost” or "
                "“T=remote_smtp” and “H=%(server)s”."
            ),
            RELAY,
        ),
    ),
    security=_NO_TLS,
    lookup_port=_("The smarthost is “dc_smarthost” in /etc/exim4/update-exim4.conf.conf."),
    lookup_auth=_("Credentials for a smarthost live in /etc/exim4/passwd.client."),
    all_sources=(
        official(
            "https://www.exim.org/exim-html-current/doc/html/spec_html/ch-some_common_configuration_settings.html",
            "Exim specification: Some common configuration settings (smart host)",
            "en",
        ),
        official(
            "https://documentation.ubuntu.com/server/how-to/mail-services/install-exim4/",
            "Ubuntu Server: install and configure Exim4",
            "en",
        ),
    ),
)

SENDMAIL = Guide(
    client=Client.SENDMAIL,
    server_software=True,
    steps=(
        Step(
            _(
                "In /etc/mail/sendmail.mc, set the relay server as the smart host. The "
                "brackets stop sendmail from looking up MX records for it:"
            ),
            RELAY,
            code="define(`SMART_HOST', `[%(server)s]')dnl",
        ),
        Step(
            _("Rebuild sendmail.cf and restart sendmail:"),
            RELAY,
            code="cd /etc/mail && m4 sendmail.mc > sendmail.cf && systemctl restart sendmail",
        ),
        Step(
            _("Send a test message and check /var/log/maillog for “relay=%(server)s”."),
            RELAY,
        ),
    ),
    security=_NO_TLS,
    lookup_port=_("The smart host is the SMART_HOST line of /etc/mail/sendmail.mc."),
    lookup_auth=_("Credentials for a smart host live in /etc/mail/authinfo."),
    all_sources=(
        official(
            "https://docs.oracle.com/en/operating-systems/oracle-linux/6/admin/configure-sendmail.html",
            "Oracle Linux: Configuring a Sendmail Client (SMART_HOST)",
            "en",
        ),
    ),
)

OTHER_SERVER = Guide(
    client=Client.OTHER,
    server_software=True,
    steps=(
        Step(
            _(
                "In your mail server's configuration, find the setting for a “relay host” or "
                "“smart host”: the server that all outgoing mail is handed to."
            ),
            RELAY,
        ),
        Step(_("Set it to %(server)s, port %(port)s, %(security)s."), RELAY),
        Step(
            _(
                "Restart the mail server, send a test message to an outside address and check "
                "in its log that the message went to %(server)s."
            ),
            RELAY,
        ),
    ),
    security=_NO_TLS,
    lookup_port=_("Look for “relay host”, “smart host” or “smarthost” in its configuration."),
    lookup_auth=_("Look for client authentication settings next to the relay host."),
    all_sources=(
        official(
            "https://www.rfc-editor.org/rfc/rfc5321",
            "RFC 5321: Simple Mail Transfer Protocol (relays)",
            "en",
        ),
        Source(
            "https://megalodon.jp/ref/2012-0219-0930-49/www.plala.or.jp/support/manual/mail/plala_mail/submission",
            "ぷらら: 具体例3 中継サーバー mmr.plala.or.jp",
            "ja",
        ),
    ),
)

MAIL_SERVER_GUIDES: tuple[Guide, ...] = (POSTFIX, EXIM, SENDMAIL, OTHER_SERVER)
