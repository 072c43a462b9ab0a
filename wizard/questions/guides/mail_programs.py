"""Guides for mail programs: menu paths and labels, English here, Japanese in the catalog.

Labels come from the vendors' help and from Japanese ISPs' setup pages; each
guide lists its sources. Where a program hides a setting, a note says so.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ..core.answers import Client
from ..core.cases import Change
from ..core.isp import Security
from .model import CHANGES_IN_A_PROGRAM, Guide, Source, Step, when

SERVER = when(Change.SERVER)
PORT = when(Change.PORT)
AUTH_ON = when(Change.AUTH_ON)
AUTH_OFF = when(Change.AUTH_OFF)
ANY = CHANGES_IN_A_PROGRAM

OUTLOOK = Guide(
    client=Client.OUTLOOK,
    steps=(
        Step(
            _(
                "Choose “File” → “Account Settings” → “Account Settings…”, select your "
                "e-mail account and click “Change…”."
            ),
            ANY,
        ),
        Step(_("In “Outgoing mail server (SMTP)”, enter %(server)s."), SERVER),
        Step(_("Click “More Settings…”."), PORT | AUTH_ON | AUTH_OFF),
        Step(
            _(
                "On the “Outgoing Server” tab, tick “My outgoing server (SMTP) requires "
                "authentication” and choose “Use same settings as my incoming mail server”."
            ),
            AUTH_ON,
        ),
        Step(
            _(
                "On the “Outgoing Server” tab, untick “My outgoing server (SMTP) requires "
                "authentication”."
            ),
            AUTH_OFF,
        ),
        Step(
            _(
                "On the “Advanced” tab, under “Server Port Numbers”, set “Outgoing server "
                "(SMTP)” to %(port)s and “Use the following type of encrypted connection” "
                "to %(security)s."
            ),
            PORT,
        ),
        Step(
            _(
                "Click “OK”, then “Next”. Outlook sends a test message; when the tests "
                "succeed, click “Close” and “Done”."
            ),
            ANY,
        ),
    ),
    security={
        Security.NONE: _("“None”"),
        Security.STARTTLS: _("“STARTTLS” (older versions: “TLS”)"),
        Security.SSL: _("“SSL/TLS” (older versions: “SSL”)"),
    },
    lookup_port=_(
        "File → Account Settings → Account Settings… → choose the account → Change → "
        "More Settings… → Advanced tab: the number next to “Outgoing server (SMTP)”."
    ),
    lookup_auth=_(
        "File → Account Settings → Account Settings… → choose the account → Change → "
        "More Settings… → Outgoing Server tab: “My outgoing server (SMTP) requires "
        "authentication” is ticked or not."
    ),
    notes=(
        _(
            "Choosing SSL with port 587 makes Outlook report that the server does not "
            "support the encryption type: use the type shown above."
        ),
    ),
    sources=(
        Source(
            "https://www.xserver.ne.jp/manual/man_mail_setting_ol.php",
            "エックスサーバー: Outlook の設定（送信サーバー (SMTP) は認証が必要、サーバーのポート番号）",
            "ja",
        ),
        Source(
            "https://github.com/ovh/docs/blob/develop/pages/web_cloud/email_and_collaborative_solutions/email_pro/how_to_configure_outlook_2016/guide.en-gb.md",
            "OVHcloud: configure an account in classic Outlook (More settings, Outgoing Server, Advanced)",
            "en",
        ),
        Source(
            "https://github.com/MicrosoftDocs/office-developer-client-docs/blob/main/docs/outlook/auxiliary/prop_smtp_secure_connection.md",
            "PROP_SMTP_SECURE_CONNECTION (Outlook encryption types)",
            "en",
        ),
    ),
)

OUTLOOK_NEW = Guide(
    client=Client.OUTLOOK_NEW,
    steps=(
        Step(
            _(
                "The new Outlook cannot change the server settings of an account it has "
                "already added: you remove the account and add it again."
            ),
            ANY,
        ),
        Step(
            _(
                "Open “Settings” (the gear at the bottom left) → “Accounts”, click “Manage” "
                "next to the account, then “Delete”."
            ),
            ANY,
        ),
        Step(
            _(
                "Choose “Add an account”, enter your e-mail address and click “Continue”; "
                "choose IMAP or POP and open “Show more”."
            ),
            ANY,
        ),
        Step(
            _(
                "Under the outgoing server, enter “SMTP outgoing server” %(server)s, “Port” "
                "%(port)s and “Secure connection type” %(security)s."
            ),
            ANY,
        ),
        Step(_("Enter “SMTP username” and the password: %(username)s."), ANY),
        Step(_("Click “Continue” and send yourself a test message."), ANY),
    ),
    security={
        Security.NONE: _("“None”"),
        Security.STARTTLS: _("“STARTTLS”"),
        Security.SSL: _("“SSL/TLS”"),
    },
    lookup_port=_(
        "The new Outlook shows the outgoing port only when an IMAP or POP account is "
        "added (Settings → Accounts → Email accounts → Add account → Show more)."
    ),
    lookup_auth=_(
        "The new Outlook always logs in to the outgoing server with the account's "
        "user name and password, so choose “Yes”."
    ),
    notes=(
        _(
            "The new Outlook sends through Microsoft's servers, so if your provider refuses "
            "logins from abroad, sending can fail even with the right settings. The classic "
            "Outlook or Thunderbird send from your own computer."
        ),
    ),
    sources=(
        Source(
            "https://learn.microsoft.com/en-us/microsoft-365-apps/outlook/get-started/supported-account-types",
            "Account types supported in the new Outlook for Windows",
            "en",
        ),
        Source(
            "https://github.com/ovh/docs/blob/develop/pages/web_cloud/email_and_collaborative_solutions/email_pro/how_to_configure_windows_10/guide.en-gb.md",
            "OVHcloud: configure an account in the new Outlook (Show more, SMTP, delete and re-add)",
            "en",
        ),
    ),
)

THUNDERBIRD = Guide(
    client=Client.THUNDERBIRD,
    steps=(
        Step(_("Open the ≡ menu → “Account Settings”."), ANY),
        Step(
            _(
                "At the bottom of the list on the left, click “Outgoing Server (SMTP)” "
                "(Thunderbird 140: “Outgoing Server”), select the server your account uses "
                "and click “Edit…”."
            ),
            ANY,
        ),
        Step(_("In “Server Name”, enter %(server)s."), SERVER),
        Step(
            _(
                "Set “Connection security” to %(security)s, then “Port” to %(port)s. "
                "Changing the connection security can change the port, so check it again."
            ),
            PORT,
        ),
        Step(
            _("Set “Authentication method” to %(password_method)s and “User Name” to %(login)s."),
            AUTH_ON,
        ),
        Step(_("Set “Authentication method” to “No authentication”."), AUTH_OFF),
        Step(
            _("Click “OK”. Thunderbird asks for the password the first time you send."),
            ANY,
        ),
    ),
    security={
        Security.NONE: _("“None”"),
        Security.STARTTLS: _("“STARTTLS”"),
        Security.SSL: _("“SSL/TLS”"),
    },
    password_method={
        Security.NONE: _("“Password, transmitted insecurely”"),
        Security.STARTTLS: _("“Normal password”"),
        Security.SSL: _("“Normal password”"),
    },
    lookup_port=_(
        "≡ menu → Account Settings → “Outgoing Server (SMTP)” at the bottom of the "
        "list → choose the server → Edit…: “Port”."
    ),
    lookup_auth=_(
        "In the same Edit… window: “Authentication method”. “No authentication” means it is off."
    ),
    notes=(
        _(
            "All your accounts share one list of outgoing servers: if several accounts use "
            "this server, the change applies to all of them."
        ),
    ),
    sources=(
        Source(
            "https://github.com/mozilla/releases-comm-central/blob/master/mail/locales/en-US/chrome/messenger/smtpEditOverlay.dtd",
            "Thunderbird SMTP server dialog strings (en-US)",
            "en",
        ),
        Source(
            "https://github.com/mozilla-japan/gecko-l10n/blob/master/ja/mail/chrome/messenger/smtpEditOverlay.dtd",
            "Thunderbird 送信 (SMTP) サーバー ダイアログの日本語文字列",
            "ja",
        ),
        Source(
            "https://github.com/mozilla-japan/gecko-l10n/blob/master/ja/mail/messenger/accountManager.ftl",
            "Thunderbird アカウント設定の日本語文字列（送信サーバー）",
            "ja",
        ),
    ),
)

APPLE_MAIL = Guide(
    client=Client.APPLE_MAIL,
    steps=(
        Step(
            _(
                "Choose “Mail” → “Settings…” (older macOS: “Preferences…”) → “Accounts”, "
                "select your account and click “Server Settings”."
            ),
            ANY,
        ),
        Step(
            _("Under “Outgoing Mail Server (SMTP)”, enter %(server)s as “Host Name”."),
            SERVER,
        ),
        Step(
            _(
                "Untick “Automatically manage connection settings”, then set “Port” to "
                "%(port)s and %(security)s."
            ),
            PORT | AUTH_ON | AUTH_OFF,
        ),
        Step(
            _(
                "Enter the outgoing server's “User Name” and “Password” (%(username)s) and "
                "set “Authentication” to “Password”."
            ),
            AUTH_ON,
        ),
        Step(_("Set “Authentication” to “None”."), AUTH_OFF),
        Step(_("Click “Save”."), ANY),
    ),
    security={
        Security.NONE: _("untick “Use TLS/SSL”"),
        Security.STARTTLS: _("tick “Use TLS/SSL”"),
        Security.SSL: _("tick “Use TLS/SSL”"),
    },
    lookup_port=_(
        "Mail → Settings… → Accounts → your account → Server Settings: under Outgoing "
        "Mail Server (SMTP), untick “Automatically manage connection settings” to "
        "see the “Port”."
    ),
    lookup_auth=_("In the same place: “Authentication”. “None” means it is off."),
    notes=(
        _(
            "While “Automatically manage connection settings” is ticked, Mail hides the port "
            "and quietly tries others."
        ),
        _(
            "If the connection security above is “None”, Mail may also need “Allow insecure "
            "authentication” ticked under “Advanced”."
        ),
    ),
    sources=(
        Source(
            "https://support.apple.com/guide/mail/change-outgoing-server-settings-cpmlprefsmtpserver/mac",
            "Change outgoing server settings in Mail on Mac",
            "en",
        ),
        Source(
            "https://support.apple.com/guide/mail/cpmlprefacctadv/mac",
            "Mail settings: Advanced (Allow insecure authentication)",
            "en",
        ),
        Source(
            "https://support.apple.com/ja-jp/HT204208",
            "Mac のメールで「接続設定を自動的に管理」を使う",
            "ja",
        ),
    ),
)

IOS_MAIL = Guide(
    client=Client.IOS_MAIL,
    steps=(
        Step(
            _(
                "Open “Settings” → “Apps” → “Mail” → “Mail Accounts” (iOS 17 and earlier: "
                "“Settings” → “Mail” → “Accounts”) and tap your account."
            ),
            ANY,
        ),
        Step(
            _(
                "Tap “Account”, then “SMTP” under “Outgoing Mail Server”, then the server "
                "under “Primary Server”."
            ),
            ANY,
        ),
        Step(_("In “Host Name”, enter %(server)s."), SERVER),
        Step(
            _(
                "Enter “User Name” and “Password” (%(username)s) and set “Authentication” to "
                "“Password”."
            ),
            AUTH_ON,
        ),
        Step(_("Clear “User Name” and “Password”: they are optional here."), AUTH_OFF),
        Step(
            _(
                "First %(security)s, then set “Server Port” to %(port)s: switching SSL "
                "changes the port."
            ),
            PORT,
        ),
        Step(_("Tap “Done”, then go back and tap “Done” again."), ANY),
    ),
    security={
        Security.NONE: _("turn “Use SSL” off"),
        Security.STARTTLS: _("turn “Use SSL” on"),
        Security.SSL: _("turn “Use SSL” on"),
    },
    lookup_port=_(
        "Settings → Apps → Mail → Mail Accounts (iOS 17: Settings → Mail → Accounts) → "
        "your account → Account → SMTP → the primary server: “Server Port”."
    ),
    lookup_auth=_(
        "On the same screen: “Authentication”. “None” means it is off; the user "
        "name and password must also be filled in."
    ),
    notes=(
        _(
            "If the outgoing server's user name and password are left empty, sending fails "
            "with an authentication error."
        ),
    ),
    sources=(
        Source(
            "https://support.biglobe.ne.jp/settei/mailer/smtp.html",
            "BIGLOBE: SMTP認証の設定（iPhone・iPad の送信メールサーバ）",
            "ja",
        ),
        Source(
            "https://www.xserver.ne.jp/manual/man_mail_setting_iphone.php",
            "エックスサーバー: iPhone のメール設定（送信メールサーバ、SMTP、プライマリサーバ、認証）",
            "ja",
        ),
        Source(
            "https://olympus.net/help-center/email-help/ios/ios14/change-settings/",
            "iOS Mail: change the outgoing server (SMTP, Primary Server)",
            "en",
        ),
    ),
)

ANDROID_GMAIL = Guide(
    client=Client.ANDROID_GMAIL,
    steps=(
        Step(_("In the Gmail app, tap ☰ → “Settings”, then your account."), ANY),
        Step(_("Under “Server settings”, tap “Outgoing settings”."), ANY),
        Step(_("In “SMTP server”, enter %(server)s."), SERVER),
        Step(
            _(
                "Choose “Security type” %(security)s first, then set “Port” to %(port)s: "
                "changing the security type rewrites the port."
            ),
            PORT,
        ),
        Step(
            _("Tick “Require sign-in.” and enter “Username” and “Password” (%(username)s)."),
            AUTH_ON,
        ),
        Step(_("Untick “Require sign-in.”."), AUTH_OFF),
        Step(_("Tap “Next”: the app checks the settings before it saves them."), ANY),
    ),
    security={
        Security.NONE: _("“None”"),
        Security.STARTTLS: _("“STARTTLS”"),
        Security.SSL: _("“SSL/TLS”"),
    },
    lookup_port=_(
        "The Gmail app shows the outgoing port only for IMAP or POP accounts: ☰ → "
        "Settings → your account → Server settings → Outgoing settings: “Port”."
    ),
    lookup_auth=_("On the same screen: “Require sign-in.” is ticked or not."),
    notes=(
        _(
            "The Gmail app lets you change outgoing settings only for accounts added as IMAP "
            "or POP (“Other”). Gmail and Outlook.com accounts have none to change."
        ),
        _("Avoid the security types marked “(Accept all certificates)”."),
    ),
    sources=(
        Source(
            "https://support.biglobe.ne.jp/settei/mailer/smtp.html",
            "BIGLOBE: SMTP認証の設定（Android の送信サーバーの設定・ログインが必要）",
            "ja",
        ),
        Source(
            "https://github.com/aosp-mirror/platform_packages_apps_email/blob/master/res/values-ja/strings.xml",
            "Android Email（Gmail の IMAP/POP 設定の元）: 送信サーバーの設定、セキュリティの種類、ログインが必要",
            "ja",
        ),
        Source(
            "https://github.com/ovh/docs/blob/develop/pages/web_cloud/email_and_collaborative_solutions/mx_plan/how_to_configure_android/guide.en-gb.md",
            "OVHcloud: configure an e-mail account in the Gmail app on Android",
            "en",
        ),
    ),
)

BECKY = Guide(
    client=Client.BECKY,
    steps=(
        Step(_("Choose “Tools” → “Mailbox Settings…”."), ANY),
        Step(_("On the “Basic” tab, enter %(server)s in “SMTP server”."), SERVER),
        Step(
            _(
                "On the “Advanced” tab, under “Server port numbers”, set “SMTP” to %(port)s; "
                "on the “Basic” tab, %(security)s."
            ),
            PORT,
        ),
        Step(
            _(
                "On the “Advanced” tab, tick “SMTP authentication” (with “LOGIN” or “PLAIN”) "
                "and “Use ESMTP”, and untick “Use POP before SMTP”. The user ID and "
                "password are %(username)s."
            ),
            AUTH_ON,
        ),
        Step(_("On the “Advanced” tab, untick “SMTP authentication”."), AUTH_OFF),
        Step(_("Click “OK”."), ANY),
    ),
    security={
        Security.NONE: _("leave “SMTPS” unticked"),
        Security.STARTTLS: _("leave “SMTPS” unticked"),
        Security.SSL: _("tick “SMTPS” (it offers to change the port to 465: answer “Yes”)"),
    },
    lookup_port=_(
        "Tools → Mailbox Settings → Advanced tab → Server port numbers: the number next to “SMTP”."
    ),
    lookup_auth=_(
        "Tools → Mailbox Settings → Advanced tab: “SMTP authentication” is ticked or not."
    ),
    sources=(
        Source(
            "https://support.biglobe.ne.jp/settei/mailer/smtp.html",
            "BIGLOBE: SMTP認証の設定（Becky! Internet Mail）",
            "ja",
        ),
        Source(
            "https://www.xserver.ne.jp/manual/man_mail_setting_becky.php",
            "エックスサーバー: Becky! Internet Mail の設定（サーバーのポート番号、SMTP認証、SMTPS）",
            "ja",
        ),
    ),
    notes=(
        _(
            "The “OP25B” box on Becky!'s “Basic” tab does the same in one click: it "
            "switches the SMTP port to 587 for submission."
        ),
    ),
)

WINDOWS_LIVE_MAIL = Guide(
    client=Client.WINDOWS_LIVE_MAIL,
    steps=(
        Step(
            _(
                "On the “Accounts” tab, click “Properties” (or right-click the account → "
                "“Properties”)."
            ),
            ANY,
        ),
        Step(_("On the “Servers” tab, enter %(server)s in “Outgoing mail (SMTP)”."), SERVER),
        Step(
            _(
                "On the “Servers” tab, tick “My server requires authentication”, click "
                "“Settings…” and choose “Use same settings as my incoming mail server”."
            ),
            AUTH_ON,
        ),
        Step(_("On the “Servers” tab, untick “My server requires authentication”."), AUTH_OFF),
        Step(
            _("On the “Advanced” tab, set “Outgoing mail (SMTP)” to %(port)s and %(security)s."),
            PORT,
        ),
        Step(_("Click “OK”."), ANY),
    ),
    security={
        Security.NONE: _("untick “This server requires a secure connection (SSL)”"),
        Security.STARTTLS: _("tick “This server requires a secure connection (SSL)”"),
        Security.SSL: _("tick “This server requires a secure connection (SSL)”"),
    },
    lookup_port=_(
        "Accounts tab → Properties → Advanced tab: the number next to “Outgoing mail (SMTP)”."
    ),
    lookup_auth=_(
        "Accounts tab → Properties → Servers tab: “My server requires authentication” is "
        "ticked or not."
    ),
    notes=(
        _(
            "Microsoft stopped supporting Windows Live Mail in 2017; servers that require "
            "modern encryption may refuse it."
        ),
    ),
    sources=(
        Source("https://www.ktarn.jp/setup/wlm-del/", "Windows Live Mail のプロパティ", "ja"),
        Source(
            "https://help.onamae.com/answer/9537",
            "Windows Live Mail: このサーバーはセキュリティで保護された接続(SSL)が必要",
            "ja",
        ),
        Source(
            "http://www.nifty.com/mail/mailer/smtp_auth.htm",
            "@nifty: 送信メールサーバーの認証が必要（Windows Live メール）",
            "ja",
        ),
    ),
)

OUTLOOK_EXPRESS = Guide(
    client=Client.OUTLOOK_EXPRESS,
    steps=(
        Step(
            _(
                "Choose “Tools” → “Accounts…”, open the “Mail” tab, select the account and "
                "click “Properties”."
            ),
            ANY,
        ),
        Step(_("On the “Servers” tab, enter %(server)s in “Outgoing mail (SMTP)”."), SERVER),
        Step(
            _(
                "On the “Servers” tab, under “Outgoing Mail Server”, tick “My server requires "
                "authentication”."
            ),
            AUTH_ON,
        ),
        Step(
            _(
                "On the “Servers” tab, under “Outgoing Mail Server”, untick “My server "
                "requires authentication”."
            ),
            AUTH_OFF,
        ),
        Step(
            _(
                "On the “Advanced” tab, under “Server Port Numbers”, enter %(port)s in "
                "“Outgoing mail (SMTP)” and %(security)s."
            ),
            PORT,
        ),
        Step(_("Click “OK”, then “Close”."), ANY),
    ),
    security={
        Security.NONE: _("leave “This server requires a secure connection (SSL)” unticked"),
        Security.STARTTLS: _("tick “This server requires a secure connection (SSL)”"),
        Security.SSL: _("tick “This server requires a secure connection (SSL)”"),
    },
    lookup_port=_(
        "Tools → Accounts → Mail tab → Properties → Advanced tab → Server Port "
        "Numbers: “Outgoing mail (SMTP)”."
    ),
    lookup_auth=_(
        "Tools → Accounts → Mail tab → Properties → Servers tab → Outgoing Mail "
        "Server: “My server requires authentication” is ticked or not."
    ),
    notes=(
        _("These are the steps of the ISP's notice, which was written for Outlook Express."),
        _(
            "Outlook Express knows only old encryption, so servers that require modern "
            "encryption refuse it. A current mail program is safer."
        ),
    ),
    sources=(
        Source(
            "https://megalodon.jp/ref/2012-0219-0930-49/www.plala.or.jp/support/manual/mail/plala_mail/submission",
            "ぷらら: サブミッションポート(port587)とSMTP AUTHの標準提供について",
            "ja",
        ),
        Source(
            "https://www.atmarkit.co.jp/fwin2k/win2ktips/798submssn/submssn.html",
            "@IT: Outlook Express でサブミッション・ポートを使う",
            "ja",
        ),
    ),
)

OTHER_PROGRAM = Guide(
    client=Client.OTHER,
    steps=(
        Step(
            _(
                "Open your mail program's account settings and find the outgoing mail server "
                "(SMTP). It is often under “Advanced” or “Server settings”."
            ),
            ANY,
        ),
        Step(_("Set the outgoing server name to %(server)s."), SERVER),
        Step(_("Set the port to %(port)s and the connection security to %(security)s."), PORT),
        Step(
            _(
                "Turn on the option that says the outgoing server requires authentication "
                "(also called “SMTP authentication” or “requires sign-in”) and enter "
                "%(username)s."
            ),
            AUTH_ON,
        ),
        Step(_("Turn off authentication for the outgoing server."), AUTH_OFF),
        Step(_("Save, and send yourself a test message."), ANY),
    ),
    security={
        Security.NONE: _("“None”"),
        Security.STARTTLS: _("“STARTTLS”"),
        Security.SSL: _("“SSL/TLS”"),
    },
    lookup_port=_(
        "Open the account settings and look for the outgoing mail server (SMTP): the "
        "number beside it, or under “Advanced”, is the port."
    ),
    lookup_auth=_(
        "Near the outgoing server settings, look for “authentication”, “requires "
        "sign-in” or a user name for the outgoing server."
    ),
    sources=(
        Source(
            "https://www.rfc-editor.org/rfc/rfc6409",
            "RFC 6409: Message Submission for Mail (port 587, authentication)",
            "en",
        ),
        Source(
            "https://www.rfc-editor.org/rfc/rfc8314",
            "RFC 8314: Cleartext Considered Obsolete (STARTTLS and implicit TLS)",
            "en",
        ),
    ),
)

MAIL_PROGRAM_GUIDES: tuple[Guide, ...] = (
    OUTLOOK,
    OUTLOOK_NEW,
    THUNDERBIRD,
    APPLE_MAIL,
    IOS_MAIL,
    ANDROID_GMAIL,
    BECKY,
    WINDOWS_LIVE_MAIL,
    OUTLOOK_EXPRESS,
    OTHER_PROGRAM,
)
